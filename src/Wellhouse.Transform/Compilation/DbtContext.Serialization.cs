using System.Globalization;
using System.Text.Json;
using Wellhouse.Transform.Jinja;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// dbt's serialization and helper context functions (dbt docs "fromjson", "tojson", "fromyaml", "toyaml",
/// "zip_strict", "try_or_compiler_error"): <c>tojson(value, default=None, sort_keys=False)</c> is Python's
/// <c>json.dumps</c>, <c>toyaml(value, default=None, sort_keys=False)</c> PyYAML's <c>safe_dump</c>;
/// <c>fromjson(string, default=None)</c> and <c>fromyaml(string, default=None)</c> parse, giving the default when the
/// text does not parse.
/// </summary>
internal sealed partial class DbtContext
{
    private static void AddSerializationFunctions(Dictionary<string, object?> context)
    {
        context["tojson"] = new JinjaFunction(args => Json.Dumps(ContextArgs.Get(args, 0, "value"), null, args.Span, sortKeys: PyOps.Truthy(ContextArgs.Get(args, 2, "sort_keys", false), args.Span), htmlSafe: false));
        context["fromjson"] = new JinjaFunction(args => FromJson(ContextArgs.String(args, 0, "string"), ContextArgs.Get(args, 1, "default")));
        context["fromyaml"] = new JinjaFunction(args => FromYaml(ContextArgs.String(args, 0, "value"), ContextArgs.Get(args, 1, "default")));
        context["toyaml"] = new JinjaFunction(args => ToYaml(ContextArgs.Get(args, 0, "value"), ContextArgs.Get(args, 1, "default"), PyOps.Truthy(ContextArgs.Get(args, 2, "sort_keys", false), args.Span)));
        context["zip_strict"] = new JinjaFunction(ZipStrict);
        context["try_or_compiler_error"] = new JinjaFunction(TryOrCompilerError);
    }

    private static object? FromJson(string? text, object? fallback)
    {
        try
        {
            using var document = JsonDocument.Parse(text ?? string.Empty);
            return FromJsonElement(document.RootElement);
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    private static object? FromJsonElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(
            new Dictionary<string, object?>(StringComparer.Ordinal),
            (dict, property) =>
            {
                dict[property.Name] = FromJsonElement(property.Value);
                return dict;
            }),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJsonElement).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) && !element.GetRawText().AsSpan().ContainsAny(".eE") ? (object)l : double.Parse(element.GetRawText(), CultureInfo.InvariantCulture),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>dbt's <c>toyaml(value, default=None, sort_keys=False)</c>: PyYAML's <c>safe_dump</c> of the value
    /// (<see cref="YamlDump"/>), or the default when it cannot be written as YAML (a relation, a tuple, ...).</summary>
    private static object? ToYaml(object? value, object? fallback, bool sortKeys)
    {
        try
        {
            return YamlDump.SafeDump(value, sortKeys);
        }
        catch (YamlDumpException)
        {
            return fallback;
        }
    }

    private static object? FromYaml(string? text, object? fallback)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text ?? string.Empty));
            return stream.Documents.Count == 0 ? null : YamlFile.ToValue(stream.Documents[0].RootNode);
        }
        catch (YamlException)
        {
            return fallback;
        }
    }

    /// <summary>dbt's <c>zip_strict(*args)</c>: Python's <c>zip</c>, an error when an argument is not iterable.</summary>
    private static object? ZipStrict(JinjaCallArguments args)
    {
        if (args.Positional.FirstOrDefault(a => a is string || a is not System.Collections.IEnumerable) is { } bad)
        {
            throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, $"zip_strict: argument of type {PyOps.TypeName(bad)} is not a list", args.Span));
        }

        return Zip(args);
    }

    /// <summary>dbt's <c>try_or_compiler_error(message_if_exception, func, *args, **kwargs)</c>: the function's result,
    /// or a compiler error with the message when it raises.</summary>
    private static object? TryOrCompilerError(JinjaCallArguments args)
    {
        var message = ContextArgs.String(args, 0, "message_if_exception") ?? "compiler error";
        var function = ContextArgs.Get(args, 1, "func");
        var rest = new JinjaCallArguments([.. args.Positional.Skip(2)], args.Keyword.Where(k => k.Key is not ("message_if_exception" or "func")).ToDictionary(), null, args.Span);
        try
        {
            return Invoker.Call(function, rest, args.Span);
        }
        catch (Exception ex) when (ex is JinjaException or DiagnosticException)
        {
            throw new DiagnosticException(new Diagnostic(DiagnosticSeverity.Error, DiagnosticCodes.CompilerError, message, args.Span));
        }
    }
}
