using System.Security.Cryptography;

namespace FlexMigrate.Orchestration.Azure;

/// <summary>
/// A write-only stream that passes what is written on to <paramref name="inner"/> while counting it and hashing it
/// with SHA-256, so a payload is content-addressed as it is serialized, without holding its bytes in one buffer.
/// Disposing it flushes and disposes <paramref name="inner"/>; <see cref="Sha256"/> is final after that.
/// </summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? sha256;
    private long written;

    /// <summary>Bytes written.</summary>
    public override long Length => written;

    /// <summary>SHA-256 of the bytes written, lower-case hex; available once the stream is disposed.</summary>
    public string Sha256 => sha256 ?? throw new InvalidOperationException("The hash is final only once the stream is disposed.");

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Position { get => written; set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        written += buffer.Length;
        inner.Write(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Synchronously: the stream is for payloads compressed into memory, where a write has nothing to wait for.
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && sha256 is null)
        {
            sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            hash.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
