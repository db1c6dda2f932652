using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using GraphQL;

namespace DigitalTrade.Graph.Api.Caching;

/// <summary>
/// What identifies an answer: SHA-256 over the server's version (an upgrade may answer the same request differently,
/// and <c>corpus.serverVersion</c> always does), the graph version, the document text's SHA-256, the operation name and the
/// variables in a canonical form (object keys sorted, so <c>{"a":1,"b":2}</c> and <c>{"b":2,"a":1}</c> are one
/// request). A cryptographic hash because the tag also keys the shared cache: a client must not be able to craft
/// a request that collides with another one's answer.
/// </summary>
internal static class RequestHash
{
    /// <summary>The request's tag; null for variables nested past what the JSON reader admits (never reached in practice): such a request is simply not cached.</summary>
    public static string? Of(string version, ReadOnlySpan<byte> documentHash, string? operationName, Inputs? variables)
    {
        try
        {
            return Hash(version, documentHash, operationName, variables);
        }
        catch (InsufficientExecutionStackException)
        {
            return null;
        }
    }

    private static string Hash(string version, ReadOnlySpan<byte> documentHash, string? operationName, Inputs? variables)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            // A JSON array of the parts: strings are escaped, so no part can run into the next.
            writer.WriteStartArray();
            writer.WriteStringValue(Schema.GraphSchemaFactory.ServerVersion);
            writer.WriteStringValue(version);
            writer.WriteBase64StringValue(documentHash);
            if (operationName is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStringValue(operationName);
            }

            WriteCanonical(writer, variables, 0);
            writer.WriteEndArray();
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);

        // 144 bits, base64url: short enough for an ETag and a cache key, far beyond any accidental collision.
        return Convert.ToBase64String(hash[..18]).Replace('+', '-').Replace('/', '_');
    }

    private static void WriteCanonical(Utf8JsonWriter writer, object? value, int depth)
    {
        // Variables come from a request body the limits already bounded; the depth guard only keeps a hostile nesting from the stack.
        if (depth > 64)
        {
            throw new InsufficientExecutionStackException("The variables are nested too deeply to be cached.");
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint or ulong or BigInteger or decimal:
                writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!, skipInputValidation: true);
                break;
            case double or float:
                writer.WriteRawValue(((IFormattable)value).ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteCanonical(writer, item, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteCanonical(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                // Not produced by the JSON reader; tagged with its type so it can never equal a string of the same text.
                writer.WriteStringValue(value.GetType().FullName + ":" + Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>A tag for an answer whose text is all there is to compare (one not keyed by version and request).</summary>
    public static string OfContent(ReadOnlySpan<byte> json)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(json, hash);
        return "c" + Convert.ToBase64String(hash[..18]).Replace('+', '-').Replace('/', '_');
    }
}
