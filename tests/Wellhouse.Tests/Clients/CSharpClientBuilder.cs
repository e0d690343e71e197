using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.Clients;

/// <summary>
/// A C# client generated from an OpenAPI document by NSwag (as <c>nswag openapi2csclient</c> would, System.Text.Json,
/// nullable reference types, C# <c>required</c> for the document's required properties), compiled in memory with Roslyn together with the code written against it
/// (tests/clients/csharp), and loaded into a collectible context.
/// </summary>
internal static class CSharpClientBuilder
{
    public const string Namespace = "Wellhouse.Client";

    public static string ScenarioFile => Path.Combine(RepoPaths.Root, "tests", "clients", "csharp", "ClientScenario.cs");

    /// <summary>The client's source, as a user would generate it from the document.</summary>
    public static async Task<string> GenerateAsync(string documentJson)
    {
        var document = await OpenApiDocument.FromJsonAsync(documentJson);

        // The server sends no property the document does not declare (ResponseSchemaTests): closed objects, so the
        // generated classes carry no catch-all dictionary and an undeclared property is an error when read.
        foreach (var schema in document.Components.Schemas.Values)
        {
            schema.AllowAdditionalProperties = false;
        }

        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "WellhouseClient",
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
            CSharpGeneratorSettings =
            {
                Namespace = Namespace,
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
                GenerateNullableReferenceTypes = true,
                GenerateOptionalPropertiesAsNullable = true,
                UseRequiredKeyword = true,
            },
        };
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }

    /// <summary>Compiles the client with the scenario; compile errors (file, line, message) fail with an exception.</summary>
    public static Assembly Compile(string clientSource)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree[] trees =
        [
            CSharpSyntaxTree.ParseText(clientSource, parse, path: "WellhouseClient.g.cs"),
            CSharpSyntaxTree.ParseText(File.ReadAllText(ScenarioFile), parse, path: ScenarioFile),
        ];
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create($"WellhouseClient{Guid.NewGuid():N}", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString()).ToList();
        if (!result.Success)
        {
            throw new InvalidOperationException("the generated C# client does not compile with tests/clients/csharp:\n" + string.Join('\n', errors));
        }

        image.Position = 0;
        return new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(image);
    }

    /// <summary>Calls a static method of ClientScenario that returns facts; its exceptions come out as they are.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> RunAsync(Assembly client, string method, params object[] args)
    {
        var scenario = client.GetType($"{Namespace}.ClientScenario", throwOnError: true)!;
        var call = scenario.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"ClientScenario.{method} is missing");
        return await (Task<IReadOnlyDictionary<string, string>>)call.Invoke(null, args)!;
    }
}
