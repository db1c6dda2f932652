using System.Buffers;

namespace DigitalTrade.Graph.Api.Http;

/// <summary>The answer would be larger than <see cref="GraphApiOptions.MaxResponseBytes"/>: it is not sent.</summary>
internal sealed class ResponseTooLargeException(long maximum) : Exception($"The response exceeds {maximum} bytes.")
{
    public long Maximum { get; } = maximum;
}

/// <summary>
/// A bounded buffer over pooled arrays: a response is serialized here, then sent in one write with
/// a Content-Length. Growing past the maximum throws <see cref="ResponseTooLargeException"/>, and
/// every request for more space checks the request's deadline, so neither a huge answer nor a slow
/// serialization can outlast the execution timeout or hold more than the maximum in memory.
/// </summary>
internal sealed class PooledBuffer(int maximum, CancellationToken cancellationToken) : IBufferWriter<byte>, IDisposable
{
    private const int InitialSize = 16 * 1024;

    /// <summary>The most a writer gets at once, so the deadline is checked at least every this many bytes.</summary>
    private const int Chunk = 64 * 1024;

    private byte[] _array = ArrayPool<byte>.Shared.Rent(InitialSize);
    private int _length;

    public PooledBuffer()
        : this(int.MaxValue, CancellationToken.None)
    {
    }

    public int Length => _length;

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _length);

    public void Advance(int count)
    {
        if (count < 0 || _length + count > _array.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _length += count;
        if (_length > maximum)
        {
            throw new ResponseTooLargeException(maximum);
        }
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_length, Available(sizeHint));
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_length, Available(sizeHint));
    }

    public void Dispose()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
        }
    }

    private int Available(int sizeHint) => Math.Min(_array.Length - _length, Math.Max(sizeHint, Chunk));

    private void Ensure(int sizeHint)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var needed = _length + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }

        if (needed > maximum)
        {
            throw new ResponseTooLargeException(maximum);
        }

        // Grow by doubling, but never past what the maximum allows (plus the writer's own slack).
        var size = (int)Math.Min(Math.Max((long)_array.Length * 2, needed), Math.Max(needed, Math.Min((long)maximum + InitialSize, Array.MaxLength)));
        var larger = ArrayPool<byte>.Shared.Rent(size);
        _array.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = larger;
    }
}
