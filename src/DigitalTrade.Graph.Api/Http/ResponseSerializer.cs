using System.Buffers;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>
/// GraphQL.NET's serializer, writing a result synchronously into a buffer writer. Its converters
/// cannot stream, so a stream target would be filled only after the whole answer was built in
/// memory; a <see cref="PooledBuffer"/> target sees every growth and can stop it (size, deadline).
/// </summary>
internal sealed class ResponseSerializer(JsonSerializerOptions options, IErrorInfoProvider errors) : GraphQLSerializer(options, errors)
{
    public void Write(IBufferWriter<byte> output, ExecutionResult result)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = SerializerOptions.Encoder, SkipValidation = true });
        JsonSerializer.Serialize(writer, result, SerializerOptions);
        writer.Flush();
    }
}
