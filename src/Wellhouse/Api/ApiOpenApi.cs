using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Wellhouse.Api;

/// <summary>
/// What the endpoints declare in the OpenAPI document beyond <c>Produces&lt;T&gt;</c>: the CSV variant of a series, the
/// problems every snapshot read can answer, and a 200 whose shape depends on a query parameter (granularity) as a
/// <c>oneOf</c> (OpenAPI 3.1, Schema Object; JSON Schema 2020-12, section 10.2.1.3).
/// </summary>
internal static class ApiOpenApi
{
    /// <summary>Series answer <c>Accept: text/csv</c> or <c>?format=csv</c> with CSV: a header row, then one line per item.</summary>
    public static RouteHandlerBuilder ProducesCsv(this RouteHandlerBuilder route) => route.WithMetadata(CsvVariant.Instance);

    /// <summary>
    /// A request body of raw bytes in any of these media types: declared as <c>type: string, format: binary</c>, so
    /// generated clients send a stream as it is (NSwag: a <c>FileParameter</c>) instead of serializing a JSON string.
    /// </summary>
    public static RouteHandlerBuilder AcceptsBytes(this RouteHandlerBuilder route, string contentType, params string[] more) =>
        route.Accepts<string>(contentType, more).WithMetadata(BinaryBody.Instance);

    /// <summary>401 when reads need the API key, 503 before the first publish (SnapshotReadMiddleware).</summary>
    public static RouteHandlerBuilder ProducesSnapshotReadProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>401 without the key, 429 over the write rate limit (ApiKeyMiddleware, the writes policy), 503/507 when the
    /// data directory is read-only or full (Hosting/StorageFault.cs).</summary>
    public static RouteHandlerBuilder ProducesWriteProblems(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable).ProducesProblem(StatusCodes.Status507InsufficientStorage);

    /// <summary>
    /// A 200 JSON answer that is one of several shapes, told apart by the value of a property (the first is the default):
    /// declared as <c>oneOf</c> with that property an enum of one value in each shape, and a discriminator (OpenAPI 3.1,
    /// Discriminator Object).
    /// </summary>
    public static RouteHandlerBuilder ProducesOneOf(this RouteHandlerBuilder route, string property, params (string Value, Type Type)[] shapes) =>
        route.Produces(StatusCodes.Status200OK, shapes[0].Type).WithMetadata(new ResponseAlternatives(property, shapes));

    /// <summary>Registers the transformers on the document's options (called by the web host's AddOpenApi).</summary>
    public static void AddWellhouseTransformers(this OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            StrictNumbers(schema);
            if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type) && schema.Properties is { } properties)
            {
                // The problem-details service adds the request's trace id to every problem (named by the JSON policy).
                properties.TryAdd("trace_id", new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Description = "The request's trace id, for the server's logs.",
                });
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer(DeclareAlternativesAsync);
        options.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var query in context.Description.ActionDescriptor.EndpointMetadata.OfType<IntQuery>())
            {
                if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(parameter => parameter.Name == query.Name) is { } parameter)
                {
                    var isCode = query.Min == int.MinValue;
                    parameter.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer,
                        Format = "int32",
                        Minimum = isCode ? null : query.Min.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Maximum = isCode ? null : query.Max.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Default = isCode ? null : JsonValue.Create(query.Default),
                    };
                }
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<BinaryBody>().Any() && operation.RequestBody?.Content is { } content)
            {
                foreach (var media in content.Values)
                {
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
                }
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// The server writes numbers as JSON numbers; the web defaults' AllowReadingFromString (reading only) would make
    /// every number "number or string" in the document, which generated clients type as string.
    /// </summary>
    private static void StrictNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Number | JsonSchemaType.Integer)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    private static async Task DeclareAlternativesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (operation.Responses is null || !operation.Responses.TryGetValue("200", out var ok) || ok.Content is null)
        {
            return;
        }

        if (metadata.OfType<ResponseAlternatives>().FirstOrDefault() is { } alternatives && context.Document is { } document
            && ok.Content.TryGetValue("application/json", out var json))
        {
            var oneOf = new List<IOpenApiSchema>();
            var mapping = new Dictionary<string, OpenApiSchemaReference>(StringComparer.Ordinal);
            foreach (var (value, type) in alternatives.Shapes)
            {
                var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
                await ReferenceItemsAsync(schema, type, context, document, cancellationToken);
                if (schema.Properties is { } properties && properties.TryGetValue(alternatives.Property, out var tag))
                {
                    properties[alternatives.Property] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Enum = [JsonValue.Create(value)],
                        Description = tag.Description,
                    };
                }

                document.Components?.Schemas?.Remove(type.Name);
                document.AddComponent(type.Name, schema);
                var reference = new OpenApiSchemaReference(type.Name, document);
                oneOf.Add(reference);
                mapping[value] = reference;
            }

            json.Schema = new OpenApiSchema
            {
                OneOf = oneOf,
                Discriminator = new OpenApiDiscriminator { PropertyName = alternatives.Property, Mapping = mapping },
            };
        }

        if (metadata.OfType<CsvVariant>().Any())
        {
            ok.Content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "CSV (RFC 4180): a header row with the item property names, then one line per item; empty for null.",
                },
            };
        }
    }

    /// <summary>An envelope's <c>items</c> as a reference to its row's component (so clients name the row type).</summary>
    private static async Task ReferenceItemsAsync(OpenApiSchema schema, Type envelope, OpenApiOperationTransformerContext context,
        OpenApiDocument document, CancellationToken cancellationToken)
    {
        var row = envelope.GetProperty("Items")?.PropertyType.GetGenericArguments().FirstOrDefault();
        if (row is null || schema.Properties is null || !schema.Properties.TryGetValue("items", out var items) || items is not OpenApiSchema array)
        {
            return;
        }

        document.AddComponent(row.Name, await context.GetOrCreateSchemaAsync(row, null, cancellationToken));
        array.Items = new OpenApiSchemaReference(row.Name, document);
    }

    private sealed class BinaryBody
    {
        public static readonly BinaryBody Instance = new();
    }

    private sealed record ResponseAlternatives(string Property, IReadOnlyList<(string Value, Type Type)> Shapes);

    private sealed class CsvVariant
    {
        public static readonly CsvVariant Instance = new();
    }
}
