namespace Wellhouse.Decline;

/// <summary>The decline-curve model families the library fits.</summary>
public enum DeclineModelKind
{
    /// <summary>Arps (1945) exponential: q = qi e^(-Di t).</summary>
    Exponential,

    /// <summary>Arps (1945) hyperbolic: q = qi (1 + b Di t)^(-1/b), 0 &lt; b.</summary>
    Hyperbolic,

    /// <summary>Arps (1945) harmonic: q = qi / (1 + Di t) (b = 1).</summary>
    Harmonic,

    /// <summary>Robertson (1988, SPE-18731): hyperbolic switching to a terminal exponential decline Dmin.</summary>
    ModifiedHyperbolic,

    /// <summary>Duong (2011, SPE-137748): q = qi t^(-m) exp(a/(1-m) (t^(1-m) - 1)).</summary>
    Duong,

    /// <summary>Valko (2009, SPE-119369) stretched exponential: q = qi exp(-(t/tau)^n).</summary>
    StretchedExponential,
}
