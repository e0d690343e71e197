using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// Runs a model implemented in C#: it fills <c>&lt;name&gt;__dbt_tmp</c>, which is then swapped into place like a table
/// model, so a failing C# model leaves the previous table intact. An incremental C# model whose table exists (and no
/// full refresh) writes into that table itself (<see cref="CSharpModelContext.IsIncremental"/>).
/// </summary>
internal static class CSharpModelRunner
{
    public static async Task<NodeOutcome> RunAsync(RunContext context, ISqlSession session, Node node, CancellationToken cancellationToken)
    {
        if (!context.Request.CSharpModels.TryGetValue(node.Name, out var model))
        {
            return new NodeOutcome(NodeStatus.Error, $"Runtime Error in model {node.Name} ({node.OriginalFilePath})\n  no C# model named '{node.Name}' is registered");
        }

        var relation = node.Relation;
        context.EnsureSchema(session, relation.Database, relation.Schema);
        var incremental = IncrementalConfig.IsIncremental(node, context.Request.FullRefresh, session.GetRelationKind(relation));
        var staged = relation with { Identifier = relation.Identifier + "__dbt_tmp" };
        var manifest = context.Request.Manifest;
        CSharpModelContext modelContext;
        try
        {
            modelContext = new CSharpModelContext
            {
                Storage = session.OpenModelStorage(),
                Node = node,
                Target = incremental ? relation : staged,
                IsIncremental = incremental,
                Ref = name => ResolveRef(manifest, name),
                Vars = context.Request.Vars,
                Log = context.Request.Log,
                TargetSetup = incremental ? [] : context.Adapter.AfterCreate(node, staged),
            };
        }
        catch (AdapterException ex)
        {
            return new NodeOutcome(NodeStatus.Error, $"Runtime Error in model {node.Name} ({node.OriginalFilePath})\n  {ex.Message}");
        }

        if (incremental)
        {
            try
            {
                await model.ExecuteAsync(modelContext, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return new NodeOutcome(NodeStatus.Error, $"Runtime Error in model {node.Name} ({node.OriginalFilePath})\n  {ex.GetType().Name}: {ex.Message}");
            }

            return new NodeOutcome(NodeStatus.Success, "OK") { RelationName = relation.ToString(), ShortStatus = "OK" };
        }

        try
        {
            session.DropRelationIfExists(staged);
            await model.ExecuteAsync(modelContext, cancellationToken).ConfigureAwait(false);
            if (session.GetRelationKind(staged) is null)
            {
                return new NodeOutcome(NodeStatus.Error, $"Runtime Error in model {node.Name} ({node.OriginalFilePath})\n  the C# model did not create {staged}");
            }

            await modelContext.SetUpTargetAsync(cancellationToken).ConfigureAwait(false);
            session.SwapInto(staged, relation);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ModelMaterializer.TryDrop(session, staged);
            return new NodeOutcome(NodeStatus.Error, $"Runtime Error in model {node.Name} ({node.OriginalFilePath})\n  {ex.GetType().Name}: {ex.Message}");
        }

        return new NodeOutcome(NodeStatus.Success, "OK") { RelationName = relation.ToString(), ShortStatus = "OK" };
    }

    private static Relation ResolveRef(Manifest manifest, string name)
    {
        foreach (var node in manifest.Nodes.Values)
        {
            if (node.ResourceType is ResourceType.Model or ResourceType.Seed && node.Name == name)
            {
                return node.Relation;
            }
        }

        throw new InvalidOperationException($"ref('{name}') names no model or seed of the project");
    }
}
