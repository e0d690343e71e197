using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Tests.Jinja;

internal static class JinjaTestHelper
{
    private static readonly JinjaEnvironment Env = new();

    public static string Render(string template, Dictionary<string, object?>? globals = null) =>
        Env.Parse(template, "t.sql").Render(globals ?? []);
}
