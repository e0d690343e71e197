using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// Compiling a unit test: the tested model is rendered as dbt's unit test context renders it (dbt-core
/// <c>UnitTestContext</c>): every given input's <c>ref()</c>/<c>source()</c>/<c>this</c> resolves to a CTE named
/// <c>__dbt__cte__&lt;input&gt;</c> (the back end puts the fixture rows in front as those CTEs), <c>overrides.vars</c>
/// and <c>overrides.env_vars</c> win over the project's, and each <c>overrides.macros</c> entry replaces the macro
/// (or <c>is_incremental</c>) by a function returning the given value. <c>is_incremental()</c> is false unless
/// overridden.
/// </summary>
public sealed partial class Compiler
{
    private CompileResult CompileUnitTest(Node unitTest)
    {
        var test = project.Manifest.UnitTests[unitTest.UniqueId];
        var model = project.Manifest.Nodes[test.ModelId!];
        var incremental = test.MacroOverrides.TryGetValue("is_incremental", out var flag) && Jinja.Runtime.PyOps.Truthy(flag, test.Span);
        var unitHooks = new CompileHooks
        {
            RelationExists = hooks?.RelationExists,
            Database = hooks?.Database,
            IsIncremental = _ => incremental,
            ExtraGlobals = hooks?.ExtraGlobals ?? new Dictionary<string, object?>(StringComparer.Ordinal),
            Log = hooks?.Log,
        };
        var unitContext = new DbtContext(OverriddenServices(test), unitHooks);
        var state = new RenderState(model, RenderPhase.Compile);
        var globals = unitContext.CreateGlobals(state);
        OverrideInputs(globals, test, model, project.Target.Type);
        OverrideMacros(globals, test);
        var sql = project.Templates.NodeTemplates[model.UniqueId].Render(globals);
        var ctes = new List<(string Name, string Sql)>();
        CollectEphemerals(state.EphemeralRefs.Where(e => !test.Given.Any(g => g.RefName == e.Name)).ToList(), ctes, [model.UniqueId]);
        var compiled = CteInjector.Inject(sql, ctes);
        unitTest.CompiledCode = compiled;
        return new CompileResult { Node = unitTest, CompiledCode = compiled, Diagnostics = state.Warnings };
    }

    private RenderServices OverriddenServices(UnitTestDefinition test)
    {
        var baseServices = project.Services;
        if (test.VarOverrides.Count == 0 && test.EnvVarOverrides.Count == 0)
        {
            return baseServices;
        }

        var vars = new Dictionary<string, object?>(baseServices.Vars, StringComparer.Ordinal);
        foreach (var (key, value) in test.VarOverrides)
        {
            vars[key] = value;
        }

        var environment = new Dictionary<string, string>(baseServices.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in test.EnvVarOverrides)
        {
            environment[key] = value;
        }

        var services = new RenderServices
        {
            ProjectName = baseServices.ProjectName,
            Target = baseServices.Target,
            Vars = vars,
            Environment = environment,
            Templates = baseServices.Templates,
            Manifest = baseServices.Manifest,
            InvocationId = baseServices.InvocationId,
            RunStartedAt = baseServices.RunStartedAt,
            Log = baseServices.Log,
            Graph = baseServices.Graph,
            Dispatch = baseServices.Dispatch,
        };
        foreach (var (key, value) in baseServices.PackageVars)
        {
            services.PackageVars[key] = value;
        }

        foreach (var (key, value) in baseServices.NodesByName)
        {
            services.NodesByName[key] = value;
        }

        foreach (var (key, value) in baseServices.SourcesByName)
        {
            services.SourcesByName[key] = value;
        }

        return services;
    }

    private static void OverrideInputs(Dictionary<string, object?> globals, UnitTestDefinition test, Node model, string adapterType)
    {
        RelationValue Cte(UnitTestInput input) => new(adapterType, null, model.Schema, input.CteName, input.CteName);

        var visible = (IReadOnlyDictionary<string, object?>)globals;
        if (visible.GetValueOrDefault("ref") is IJinjaCallable originalRef)
        {
            globals["ref"] = new JinjaFunction(args =>
            {
                var name = args.Positional.Count >= 2 ? ContextArgs.String(args, 1, "name") : ContextArgs.String(args, 0, "name");
                var input = test.Given.FirstOrDefault(g => g.RefName is not null && g.RefName == name);
                return input is null ? originalRef.Call(args) : Cte(input);
            });
        }

        if (visible.GetValueOrDefault("source") is IJinjaCallable originalSource)
        {
            globals["source"] = new JinjaFunction(args =>
            {
                var source = (ContextArgs.String(args, 0, "source_name"), ContextArgs.String(args, 1, "table_name"));
                var input = test.Given.FirstOrDefault(g => g.SourceName is { } s && s.Source == source.Item1 && s.Table == source.Item2);
                return input is null ? originalSource.Call(args) : Cte(input);
            });
        }

        if (test.Given.FirstOrDefault(g => g.IsThis) is { } thisInput)
        {
            globals["this"] = Cte(thisInput);
        }
    }

    private void OverrideMacros(Dictionary<string, object?> globals, UnitTestDefinition test)
    {
        foreach (var (key, value) in test.MacroOverrides)
        {
            var function = new JinjaFunction(_ => value);
            var dot = key.LastIndexOf('.');
            if (dot < 0)
            {
                globals[key] = function;
                continue;
            }

            var (package, name) = (key[..dot], key[(dot + 1)..]);
            if (globals.GetValueOrDefault(package) is MacroNamespace macros)
            {
                macros.Set(name, function);
            }

            if (package == project.Name || package == "dbt")
            {
                globals[name] = function;
            }
        }
    }
}
