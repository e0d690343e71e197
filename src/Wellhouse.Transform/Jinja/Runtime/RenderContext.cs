namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>One render's globals (the host's context) and the template's file, shared by its scopes.</summary>
internal sealed class RenderContext(IReadOnlyDictionary<string, object?> globals, string file, bool chainableUndefined = false)
{
    public IReadOnlyDictionary<string, object?> Globals { get; } = globals;

    public string File { get; } = file;

    /// <summary>dbt's parse-time undefined (dbt-common create_undefined): an attribute, item or call of an
    /// undefined value is that undefined value instead of an error.</summary>
    public bool ChainableUndefined { get; } = chainableUndefined;
}
