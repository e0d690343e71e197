using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Wellhouse.Decline.Bench;

/// <summary>SciPy's fits of the same prepared points (peak, producing-day rates, uptime weights) and initial guess.</summary>
internal sealed record ScipyResult(double Seconds, double[] LogQi, double[] D, double[] B, bool[] Ok);

internal static class ScipyReference
{
    public static ScipyResult Run(SyntheticWell[] wells, FitOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("wellhouse-decline-bench-");
        try
        {
            var input = Path.Combine(folder.FullName, "points.csv");
            var output = Path.Combine(folder.FullName, "fits.csv");
            Export(wells, options, input);
            var script = Path.Combine(AppContext.BaseDirectory, "scipy_reference.py");
            var start = new ProcessStartInfo("/usr/bin/python3")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { script, input, output, Invariant(options.MinB), Invariant(options.MaxB) })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"scipy_reference.py failed (run install-scipy.sh first): {stderr}");
            }

            return Read(output, wells.Length, double.Parse(stdout.Trim(), CultureInfo.InvariantCulture));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Export(SyntheticWell[] wells, FitOptions options, string path)
    {
        var text = new StringBuilder("well,t,y,w,lnqi0,d0,b0\n");
        for (var i = 0; i < wells.Length; i++)
        {
            var prepared = DeclineFitter.Prepare(wells[i].Series, options, out _)!;
            var data = prepared.Data;
            DeclineFitter.ExponentialGuess(data, out var d0, out var intercept);
            DeclineFitter.HyperbolicGuess(data, d0, options, out var di, out var b);
            for (var j = 0; j < data.Count; j++)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{i},{data.T[j]:R},{data.Y[j]:R},{data.Uptime[j]:R},{intercept:R},{di:R},{b:R}\n");
            }
        }

        File.WriteAllText(path, text.ToString());
    }

    private static ScipyResult Read(string path, int count, double seconds)
    {
        var logQi = new double[count];
        var d = new double[count];
        var b = new double[count];
        var ok = new bool[count];
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            var i = int.Parse(f[0], CultureInfo.InvariantCulture);
            logQi[i] = double.Parse(f[1], CultureInfo.InvariantCulture);
            d[i] = double.Parse(f[2], CultureInfo.InvariantCulture);
            b[i] = double.Parse(f[3], CultureInfo.InvariantCulture);
            ok[i] = f[4] == "1";
        }

        return new ScipyResult(seconds, logQi, d, b, ok);
    }

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
