using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Unicode;

namespace DigitalTrade.Graph.Corpus;

/// <summary>A corpus file's text and the hash of its bytes (for the snapshot version).</summary>
internal sealed record SourceText(string Text, byte[] Hash)
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Reads a file of at most <paramref name="maxBytes"/> as strict UTF-8. The size is checked before
    /// anything is read and the read stops one byte past the limit, so a huge file costs nothing. Null,
    /// with a diagnostic, when the file is too large, is not UTF-8 or cannot be read.
    /// </summary>
    public static SourceText? Read(string fullPath, long maxBytes, DiagnosticBag bag)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(fullPath).Length;
            if (length > maxBytes)
            {
                TooLarge(bag, length, maxBytes);
                return null;
            }

            // An empty file is not opened: a named pipe also reports 0 bytes, and opening one would wait for a writer.
            bytes = length == 0 ? [] : ReadAtMost(fullPath, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The exception's message names the absolute path; the diagnostic must not.
            bag.Error(Position.FileStart, DiagnosticCodes.MalformedYaml, $"the file could not be read ({e.GetType().Name})");
            return null;
        }

        if (bytes.Length > maxBytes)
        {
            TooLarge(bag, bytes.Length, maxBytes); // it grew between the two looks at its size
            return null;
        }

        return Decode(bytes, bag) is { } text ? new SourceText(text, SHA256.HashData(bytes)) : null;
    }

    /// <summary>UTF-8 without replacement: the first byte that is not UTF-8 is reported where it is. A leading UTF-8 BOM is dropped.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, DiagnosticBag bag)
    {
        if (bytes.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }
        else if (bytes.StartsWith((byte[])[0xFF, 0xFE]) || bytes.StartsWith((byte[])[0xFE, 0xFF]))
        {
            bag.Error(Position.FileStart, DiagnosticCodes.InvalidEncoding, "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
            return null;
        }

        var chars = ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status == OperationStatus.Done)
            {
                return new string(chars, 0, written);
            }

            var decoded = chars.AsSpan(0, written);
            var line = decoded.Count('\n') + 1;
            var column = written - decoded.LastIndexOf('\n');
            var what = read < bytes.Length ? string.Create(CultureInfo.InvariantCulture, $"byte 0x{bytes[read]:X2}") : "the last character";
            bag.Error(line, column, DiagnosticCodes.InvalidEncoding, $"the file is not valid UTF-8: {what} cannot be decoded; save the file as UTF-8");
            return null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The file's bytes as long as it has at most <paramref name="maxBytes"/>; one byte more says it has more.</summary>
    private static byte[] ReadAtMost(string fullPath, long maxBytes)
    {
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        var buffer = new byte[Math.Min(stream.Length, maxBytes + 1)];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total == buffer.Length ? buffer : buffer[..total];
    }

    private static void TooLarge(DiagnosticBag bag, long length, long maxBytes) =>
        bag.Error(Position.FileStart, DiagnosticCodes.FileTooLarge,
            string.Create(CultureInfo.InvariantCulture, $"the file has {length:N0} bytes, more than the {maxBytes:N0} allowed per file (Corpus:Limits:MaxFileBytes); split it into smaller entities"));
}
