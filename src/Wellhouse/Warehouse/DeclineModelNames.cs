using Wellhouse.Decline;

namespace Wellhouse.Warehouse;

/// <summary>
/// The one spelling of decline model names, lowercase snake_case, used by the marts (int_decline_fits.model), the API
/// (POST /api/decline/fit) and the CLI (<c>wellhouse decline fit</c>): exponential, hyperbolic, harmonic,
/// modified_hyperbolic, duong, stretched_exponential (docs/domain.md).
/// </summary>
internal static class DeclineModelNames
{
    public static string Name(DeclineModelKind kind) => kind switch
    {
        DeclineModelKind.Exponential => "exponential",
        DeclineModelKind.Hyperbolic => "hyperbolic",
        DeclineModelKind.Harmonic => "harmonic",
        DeclineModelKind.ModifiedHyperbolic => "modified_hyperbolic",
        DeclineModelKind.Duong => "duong",
        DeclineModelKind.StretchedExponential => "stretched_exponential",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no name for this decline model"),
    };
}
