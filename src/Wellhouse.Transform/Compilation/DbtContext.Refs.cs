using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

/// <summary><c>ref()</c> and <c>source()</c>: recorded at parse time, resolved to relations when compiling.</summary>
internal sealed partial class DbtContext
{
    private object? Ref(JinjaCallArguments args, RenderState state)
    {
        string? package = null;
        string? name;
        if (args.Positional.Count >= 2)
        {
            package = ContextArgs.String(args, 0, "package");
            name = ContextArgs.String(args, 1, "name");
        }
        else
        {
            name = ContextArgs.String(args, 0, "name");
        }

        var version = args.Keyword.GetValueOrDefault("v") ?? args.Keyword.GetValueOrDefault("version");
        if (name is null)
        {
            throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.UnknownRef, "ref() needs a model name", args.Span));
        }

        var versionText = version is null ? null : PythonRepr.Str(version);
        if (state.Phase == RenderPhase.Parse)
        {
            state.Refs.Add((new RefCall(package, name, versionText), args.Span));
        }

        var target = services.FindNode(package, name, state.Node?.PackageName, versionText);
        if (target is null)
        {
            if (state.Phase == RenderPhase.Parse)
            {
                return new RelationValue(services.Target.Type, services.Target.Database, services.Target.Schema, name, Relation.Quote(name));
            }

            throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.UnknownRef, $"'{state.Node?.Name ?? "this file"}' depends on a node named '{name}' which was not found", args.Span));
        }

        RequireDeclared(state, target, package, name, args.Span);
        if (state.Phase == RenderPhase.Compile && versionText is null && target.Version is not null)
        {
            LogNewerVersion(state, target);
        }

        if (target.IsEphemeral)
        {
            if (state.Phase == RenderPhase.Compile && !state.EphemeralRefs.Contains(target))
            {
                state.EphemeralRefs.Add(target);
            }

            return EphemeralRelation(target);
        }

        return RelationValue.Of(services.Target.Type, target.Relation);
    }

    /// <summary>dbt's UnpinnedRefNewVersionAvailable (info): an unpinned ref resolves to the latest version while a
    /// greater (prerelease) version of the model exists.</summary>
    private void LogNewerVersion(RenderState state, Node target)
    {
        var max = services.Manifest.Nodes.Values
            .Where(n => n.ResourceType == ResourceType.Model && n.Name == target.Name && n.PackageName == target.PackageName && n.Version is not null)
            .Select(n => n.Version)
            .Max(Comparer<object?>.Create(SchemaYmlReader.CompareVersions));
        if (SchemaYmlReader.CompareVersions(max, target.LatestVersion) <= 0)
        {
            return;
        }

        var (latest, newest) = (target.VersionText, PythonRepr.Str(max));
        (hooks?.Log ?? services.Log)?.Invoke(
            $"While compiling '{state.Node?.Name}':\n"
            + $"Found an unpinned reference to versioned model '{target.Name}' in project '{target.PackageName}'.\n"
            + $"Resolving to latest version: {target.Name}.v{latest}\n"
            + $"A prerelease version {newest} is available. It has not yet been marked 'latest' by its maintainer.\n"
            + $"When that happens, this reference will resolve to {target.Name}.v{newest} instead.\n\n"
            + $"  Try out v{newest}: {{{{ ref('{target.PackageName}', '{target.Name}', v='{newest}') }}}}\n"
            + $"  Pin to  v{latest}: {{{{ ref('{target.PackageName}', '{target.Name}', v='{latest}') }}}}\n");
    }

    /// <summary>
    /// dbt's <c>RuntimeRefResolver.validate</c> (RefBadContextError): while compiling, a ref the parse did not see (one
    /// inside <c>{% if execute %}</c> or a <c>statement</c> body) would run before its parent; dbt stops and asks for
    /// a <c>-- depends_on:</c> hint.
    /// </summary>
    private static void RequireDeclared(RenderState state, Node target, string? package, string name, SourceSpan span)
    {
        if (state.Phase != RenderPhase.Compile || state.Node is not { } node || node.ResourceType is not (ResourceType.Model or ResourceType.Snapshot or ResourceType.Analysis or ResourceType.Test)
            || node.DependsOnNodes.Contains(target.UniqueId))
        {
            return;
        }

        var hint = package is null ? $"{{{{ ref('{name}') }}}}" : $"{{{{ ref('{package}', '{name}') }}}}";
        throw new DiagnosticException(new Diagnostic(
            DiagnosticSeverity.Error,
            DiagnosticCodes.UnknownRef,
            $"dbt was unable to infer all dependencies for the model \"{node.Name}\". This typically happens when ref() is placed within a conditional block. To fix this, add the following hint to the top of the model \"{node.Name}\": -- depends_on: {hint}",
            span));
    }

    private object? Source(JinjaCallArguments args, RenderState state)
    {
        var sourceName = ContextArgs.String(args, 0, "source_name");
        var tableName = ContextArgs.String(args, 1, "table_name");
        if (sourceName is null || tableName is null)
        {
            throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.UnknownSource, "source() needs a source name and a table name", args.Span));
        }

        if (state.Phase == RenderPhase.Parse)
        {
            state.Sources.Add(([sourceName, tableName], args.Span));
        }

        if (services.FindSource(sourceName, tableName, state.Node?.PackageName) is { } source)
        {
            return new RelationValue(services.Target.Type, source.Database, source.Schema, source.Identifier, source.RenderReference());
        }

        if (state.Phase == RenderPhase.Parse)
        {
            return new RelationValue(services.Target.Type, null, sourceName, tableName, Relation.Quote(sourceName) + "." + Relation.Quote(tableName));
        }

        throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.UnknownSource, $"'{state.Node?.Name ?? "this file"}' depends on a source named '{sourceName}.{tableName}' which was not found", args.Span));
    }
}
