namespace Wellhouse.Decline;

/// <summary>Why a series could not be fit.</summary>
public enum CannotFitReason
{
    /// <summary>The series or the options are malformed (lengths differ, bad option); see the message.</summary>
    InvalidInput,

    /// <summary>No periods at all.</summary>
    EmptySeries,

    /// <summary>A rate or days-on value is negative.</summary>
    NegativeValue,

    /// <summary>Times are not strictly ascending (unsorted or duplicated).</summary>
    UnsortedOrDuplicateTimes,

    /// <summary>Every rate is zero, NaN or shut-in.</summary>
    NoProduction,

    /// <summary>Fewer producing periods after the peak than <see cref="FitOptions.MinPoints"/>.</summary>
    TooFewPoints,

    /// <summary>The rate does not decline (flat or rising after the peak).</summary>
    NoDecline,

    /// <summary>The optimizer found no finite fit.</summary>
    DidNotConverge,

    /// <summary>The only model asked for fitted a degenerate curve (a Duong fit that rises at t0); see the message.</summary>
    ModelRejected,
}

/// <summary>A fit, or the typed reason why there is none. Never thrown for data problems.</summary>
public sealed class FitResult
{
    private FitResult(DeclineFit? fit, CannotFitReason? reason, string? message, int? row)
    {
        Fit = fit;
        Reason = reason;
        Message = message;
        Row = row;
    }

    /// <summary>The fit when <see cref="Succeeded"/>.</summary>
    public DeclineFit? Fit { get; }

    /// <summary>Why not, when the fit failed.</summary>
    public CannotFitReason? Reason { get; }

    /// <summary>A one-line explanation when the fit failed.</summary>
    public string? Message { get; }

    /// <summary>The zero-based index of the offending period, when one is to blame.</summary>
    public int? Row { get; }

    /// <summary>True when <see cref="Fit"/> is set.</summary>
    public bool Succeeded => Fit is not null;

    internal static FitResult Success(DeclineFit fit) => new(fit, null, null, null);

    internal static FitResult CannotFit(CannotFitReason reason, string message, int? row = null) =>
        new(null, reason, message, row);

    /// <inheritdoc/>
    public override string ToString() => Succeeded ? Fit!.ToString() : $"cannot fit ({Reason}): {Message}";
}
