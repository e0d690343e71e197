namespace Wellhouse.Decline;

/// <summary>
/// Per-thread scratch arrays for the preparation step, so that fitting many wells on a thread allocates only what a
/// fit keeps. Each buffer has one user at a time (no nesting): the caller copies out what it keeps before returning.
/// </summary>
internal static class ScratchBuffers
{
    [ThreadStatic]
    private static double[]? times;

    [ThreadStatic]
    private static double[]? logRates;

    [ThreadStatic]
    private static double[]? weights;

    [ThreadStatic]
    private static double[]? smooth;

    [ThreadStatic]
    private static int[]? indexes;

    /// <summary>Preparation's point times.</summary>
    public static double[] Times(int n) => Get(ref times, n);

    /// <summary>Preparation's log rates.</summary>
    public static double[] LogRates(int n) => Get(ref logRates, n);

    /// <summary>Preparation's uptime weights.</summary>
    public static double[] Weights(int n) => Get(ref weights, n);

    /// <summary>Preparation's source period indexes.</summary>
    public static int[] Indexes(int n) => Get(ref indexes, n);

    /// <summary>The segment detector's smoothed log rates.</summary>
    public static double[] Smooth(int n) => Get(ref smooth, n);

    private static T[] Get<T>(ref T[]? buffer, int n)
    {
        if (buffer is null || buffer.Length < n)
        {
            buffer = new T[Math.Max(n, 256)];
        }

        return buffer;
    }
}
