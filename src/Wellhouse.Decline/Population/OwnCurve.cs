namespace Wellhouse.Decline;

/// <summary>
/// A well's own decline fit as <see cref="AnchorState"/> uses it: the fitted curve, its start (days after the first
/// producing month) and its Arps b (0 for an exponential or a curve without one), whose full-uptime volumes after an
/// anchor are the state's <see cref="AnchorState.FitCumulative"/>. Written to a <see cref="PopulationCache"/> as the
/// curve's parameters (the same doubles, so the curve read back is the same curve and gives the same volumes), not as
/// the volumes: 6 numbers instead of one per forecast month.
/// </summary>
internal sealed record OwnCurve(IDeclineModel? Model, double StartDay, double B)
{
    private const byte None = 0;
    private const byte Arps = 1;
    private const byte ModifiedHyperbolic = 2;

    /// <summary>Another curve: its volumes as they are.</summary>
    private const byte Volumes = 3;

    /// <summary>The curve's volume in each of the <paramref name="horizon"/> months from <paramref name="anchor"/>,
    /// cumulated (<paramref name="first"/>: the first producing month, day 0 of the fit), or null when not finite.</summary>
    public double[]? Cumulative(int first, int anchor, int horizon)
    {
        var origin = MonthIndex.Date(first).DayNumber;
        var cumulative = new double[horizon];
        var total = 0.0;
        for (var h = 0; h < horizon; h++)
        {
            var start = MonthIndex.Date(anchor + h).DayNumber - origin - StartDay;
            var stop = start + MonthIndex.Days(anchor + h);
            total += Math.Max(Model!.Cumulative(stop) - Model.Cumulative(start), 0);
            cumulative[h] = total;
        }

        return double.IsFinite(total) ? cumulative : null;
    }

    /// <summary>Writes <paramref name="curve"/> whose volumes are <paramref name="cumulative"/> (null: no fit).</summary>
    public static void Write(BinaryWriter writer, OwnCurve? curve, double[]? cumulative)
    {
        if (cumulative is null || curve is null)
        {
            writer.Write(None);
            return;
        }

        switch (curve.Model)
        {
            case ArpsModel arps:
                writer.Write(Arps);
                writer.Write(arps.InitialRate);
                writer.Write(arps.InitialDeclinePerDay);
                writer.Write(arps.B);
                break;
            case ModifiedHyperbolicModel modified:
                writer.Write(ModifiedHyperbolic);
                writer.Write(modified.InitialRate);
                writer.Write(modified.InitialDeclinePerDay);
                writer.Write(modified.B);
                writer.Write(modified.TerminalDeclinePerDay);
                break;
            default:
                writer.Write(Volumes);
                writer.Write(curve.B);
                writer.Write(cumulative.Length);
                foreach (var value in cumulative)
                {
                    writer.Write(value);
                }

                return;
        }

        writer.Write(curve.StartDay);
        writer.Write(curve.B);
        writer.Write(cumulative.Length);
    }

    /// <summary>Reads what <see cref="Write"/> wrote: the curve and its volumes (for stored volumes, a curve of no
    /// model carrying only b).</summary>
    public static (OwnCurve? Curve, double[]? Cumulative) Read(BinaryReader reader, int first, int anchor)
    {
        var tag = reader.ReadByte();
        if (tag == None)
        {
            return (null, null);
        }

        if (tag == Volumes)
        {
            var b = reader.ReadDouble();
            var volumes = new double[reader.ReadInt32()];
            for (var h = 0; h < volumes.Length; h++)
            {
                volumes[h] = reader.ReadDouble();
            }

            // The curve itself is not kept: the state needs only its b and volumes.
            return (new OwnCurve(null, double.NaN, b), volumes);
        }

        IDeclineModel model = tag switch
        {
            Arps => new ArpsModel(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()),
            ModifiedHyperbolic => new ModifiedHyperbolicModel(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()),
            _ => throw new InvalidDataException($"unknown own-fit tag {tag} in a stored anchor state"),
        };
        var curve = new OwnCurve(model, reader.ReadDouble(), reader.ReadDouble());
        return (curve, curve.Cumulative(first, anchor, reader.ReadInt32()));
    }
}
