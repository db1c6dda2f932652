using NJsonSchema;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>The SARIF 2.1.0 JSON schema, vendored (Sarif/SOURCE.md says from where), checked with NJsonSchema.</summary>
internal static class SarifSchema
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Sarif", "sarif-schema-2.1.0.json")));

    /// <summary>Every way the document breaks the schema, as "path: kind" lines; empty when it conforms.</summary>
    public static async Task<IReadOnlyList<string>> Errors(string json)
    {
        var schema = await Schema.Value;
        return [.. Flatten(schema.Validate(json)).Select(e => $"{e.Path}: {e.Kind}").Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// An error inside a branch (a oneOf, or a type list such as ["array", "null"], which the schema uses
    /// beside most arrays) is reported as a child of the branch: listed here with its own path.
    /// </summary>
    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e switch
        {
            NJsonSchema.Validation.ChildSchemaValidationError child => [e, .. Flatten(child.Errors.SelectMany(pair => pair.Value))],
            NJsonSchema.Validation.MultiTypeValidationError multi => [e, .. Flatten(multi.Errors.SelectMany(pair => pair.Value))],
            _ => new[] { e },
        });
}
