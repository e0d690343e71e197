namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>One render's globals (the host's context) and the template's file, shared by its scopes.</summary>
internal sealed class RenderContext(IReadOnlyDictionary<string, object?> globals, string file)
{
    public IReadOnlyDictionary<string, object?> Globals { get; } = globals;

    public string File { get; } = file;
}
