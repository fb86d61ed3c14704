using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FlexMigrate.Tests.Binlog;

/// <summary>How the fake server authenticates.</summary>
public enum FakeAuth
{
    CachingSha2Fast,
    CachingSha2FullRsa,
    SwitchToNative,
}

/// <summary>
/// An in-process server speaking just enough of the MySQL protocol for the binlog client: handshake v10,
/// caching_sha2_password (fast path and full authentication over the RSA key exchange) or an auth switch to
/// mysql_native_password, OK/result-set answers to the session SETs, then COM_BINLOG_DUMP answered with the given
/// events (packets split at 16 MB). <see cref="Streams"/> decides, per connection, which events to send and whether to
/// drop the connection instead of sending EOF.
/// </summary>
internal sealed class FakeBinlogServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    // 1024-bit keeps key generation fast; the exchange is the same at any size.
    private readonly Lazy<RSA> _rsa = new(() => RSA.Create(1024));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public FakeBinlogServer(FakeAuth auth, string password, Func<int, (IReadOnlyList<byte[]> Events, bool Drop)> streams, X509Certificate2? tlsCertificate = null)
    {
        TlsCertificate = tlsCertificate;
        Auth = auth;
        Password = password;
        Streams = streams;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public FakeAuth Auth { get; }

    /// <summary>When set, the server offers TLS (CLIENT_SSL) with this certificate and requires it.</summary>
    public X509Certificate2? TlsCertificate { get; }

    /// <summary>Whether the last authentication ran inside TLS.</summary>
    public bool SawTls { get; private set; }

    public string Password { get; }

    public Func<int, (IReadOnlyList<byte[]> Events, bool Drop)> Streams { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Each COM_BINLOG_DUMP received: file, position, server id.</summary>
    public List<(string File, uint Position, uint ServerId)> Dumps { get; } = [];

    public List<string> Queries { get; } = [];

    public string ConnectionString(string? password = null, string ssl = "SslMode=None") =>
        $"Server=127.0.0.1;Port={Port};User ID=repl;Password={password ?? Password};{ssl}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        if (_rsa.IsValueCreated)
        {
            _rsa.Value.Dispose();
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = 0;
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var n = connections++;
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await ServeAsync(client.GetStream(), n);
                    }
                    catch (Exception e) when (e is IOException or EndOfStreamException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
                    {
                    }
                }
            });
        }
    }

    private async Task ServeAsync(NetworkStream stream, int connection)
    {
        var io = new Io(stream);
        var scramble = RandomNumberGenerator.GetBytes(20).Select(b => (byte)((b % 90) + 33)).ToArray();
        await io.WriteAsync(Handshake(scramble, TlsCertificate is not null));
        var response = await io.ReadAsync();
        if (TlsCertificate is not null)
        {
            // SSLRequest: the first 32 bytes of the response with CLIENT_SSL, then TLS on the same socket.
            if (response.Length != 32 || (BinaryPrimitives.ReadUInt32LittleEndian(response) & 0x800) == 0)
            {
                return;
            }

            var ssl = new SslStream(stream);
            await ssl.AuthenticateAsServerAsync(TlsCertificate);
            io = new Io(ssl) { Sequence = io.Sequence };
            SawTls = true;
            response = await io.ReadAsync();
        }

        if (!await AuthenticateAsync(io, response, scramble))
        {
            await io.WriteAsync(Error(1045, "28000", "Access denied for user 'repl'"));
            return;
        }

        await io.WriteAsync([0x00, 0, 0, 2, 0, 0, 0]);
        while (true)
        {
            io.Sequence = 0;
            var command = await io.ReadAsync();
            if (command[0] == 0x03)
            {
                var sql = Encoding.UTF8.GetString(command, 1, command.Length - 1);
                lock (Queries)
                {
                    Queries.Add(sql);
                }

                await (sql.StartsWith("SELECT", StringComparison.Ordinal) ? WriteResultAsync(io, "CRC32") : io.WriteAsync([0x00, 0, 0, 2, 0, 0, 0]));
                continue;
            }

            if (command[0] == 0x12)
            {
                lock (Dumps)
                {
                    Dumps.Add((Encoding.UTF8.GetString(command, 11, command.Length - 11), BinaryPrimitives.ReadUInt32LittleEndian(command.AsSpan(1)),
                        BinaryPrimitives.ReadUInt32LittleEndian(command.AsSpan(7))));
                }

                var (events, drop) = Streams(connection);
                foreach (var e in events)
                {
                    await io.WriteAsync([0x00, .. e]);
                }

                if (!drop)
                {
                    await io.WriteAsync([0xFE, 0, 0, 2, 0]);
                }

                return;
            }

            await io.WriteAsync(Error(1047, "08S01", "Unknown command"));
        }
    }

    private async Task<bool> AuthenticateAsync(Io io, byte[] response, byte[] scramble)
    {
        var userEnd = Array.IndexOf(response, (byte)0, 32);
        var authLength = response[userEnd + 1];
        var proof = response.AsSpan(userEnd + 2, authLength).ToArray();
        switch (Auth)
        {
            case FakeAuth.SwitchToNative:
                var fresh = RandomNumberGenerator.GetBytes(20).Select(b => (byte)((b % 90) + 33)).ToArray();
                await io.WriteAsync([0xFE, .. "mysql_native_password"u8, 0, .. fresh, 0]);
                return (await io.ReadAsync()).AsSpan().SequenceEqual(Native(fresh));
            case FakeAuth.CachingSha2Fast:
                if (!proof.AsSpan().SequenceEqual(Sha2(scramble)))
                {
                    return false;
                }

                await io.WriteAsync([0x01, 0x03]);
                return true;
            case FakeAuth.CachingSha2FullRsa when TlsCertificate is not null:
                // Over TLS the client sends the password itself, NUL-terminated.
                await io.WriteAsync([0x01, 0x04]);
                return (await io.ReadAsync()).AsSpan().SequenceEqual((byte[])[.. Encoding.UTF8.GetBytes(Password), 0]);
            default:
                await io.WriteAsync([0x01, 0x04]);
                if ((await io.ReadAsync()) is not [0x02])
                {
                    return false;
                }

                await io.WriteAsync([0x01, .. Encoding.ASCII.GetBytes(_rsa.Value.ExportSubjectPublicKeyInfoPem())]);
                var plain = _rsa.Value.Decrypt(await io.ReadAsync(), RSAEncryptionPadding.OaepSHA1);
                for (var i = 0; i < plain.Length; i++)
                {
                    plain[i] ^= scramble[i % 20];
                }

                return plain.AsSpan().SequenceEqual((byte[])[.. Encoding.UTF8.GetBytes(Password), 0]);
        }
    }

    private byte[] Sha2(byte[] scramble)
    {
        var h1 = SHA256.HashData(Encoding.UTF8.GetBytes(Password));
        var h3 = SHA256.HashData([.. SHA256.HashData(h1), .. scramble]);
        return [.. h1.Select((b, i) => (byte)(b ^ h3[i]))];
    }

    private byte[] Native(byte[] scramble)
    {
        var h1 = SHA1.HashData(Encoding.UTF8.GetBytes(Password));
        var h3 = SHA1.HashData([.. scramble, .. SHA1.HashData(h1)]);
        return [.. h1.Select((b, i) => (byte)(b ^ h3[i]))];
    }

    private static byte[] Handshake(byte[] scramble, bool tls)
    {
        var caps = 0x200u | 0x8000 | 0x80000 | 0x200000 | 0x1 | 0x4 | 0x2000 | (tls ? 0x800u : 0);
        return
        [
            10, .. "8.0.36-fake"u8, 0, .. BitConverter.GetBytes(77u), .. scramble[..8], 0,
            .. BitConverter.GetBytes(unchecked((ushort)caps)), 255, 2, 0, .. BitConverter.GetBytes((ushort)(caps >> 16)), 21,
            .. new byte[10], .. scramble[8..], 0, .. "caching_sha2_password"u8, 0,
        ];
    }

    private static async Task WriteResultAsync(Io io, string value)
    {
        await io.WriteAsync([1]);
        await io.WriteAsync([3, .. "def"u8, 0, 0, 0, 1, (byte)'v', 0, 0x0C, 8, 0, 0, 0, 0, 0xFD, 0, 0, 0, 0, 0]);
        await io.WriteAsync([0xFE, 0, 0, 2, 0]);
        await io.WriteAsync([(byte)value.Length, .. Encoding.ASCII.GetBytes(value)]);
        await io.WriteAsync([0xFE, 0, 0, 2, 0]);
    }

    private static byte[] Error(ushort code, string state, string message) =>
        [0xFF, .. BitConverter.GetBytes(code), (byte)'#', .. Encoding.ASCII.GetBytes(state), .. Encoding.UTF8.GetBytes(message)];

    /// <summary>Packet framing for the fake side, splitting payloads of 16 MB and more as the protocol requires.</summary>
    private sealed class Io(Stream stream)
    {
        public byte Sequence { get; set; }

        public async Task<byte[]> ReadAsync()
        {
            var header = new byte[4];
            await stream.ReadExactlyAsync(header);
            var length = header[0] | (header[1] << 8) | (header[2] << 16);
            Sequence = (byte)(header[3] + 1);
            var payload = new byte[length];
            await stream.ReadExactlyAsync(payload);
            return payload;
        }

        public async Task WriteAsync(byte[] payload)
        {
            var offset = 0;
            while (true)
            {
                var chunk = Math.Min(0xFFFFFF, payload.Length - offset);
                await stream.WriteAsync(new byte[] { (byte)chunk, (byte)(chunk >> 8), (byte)(chunk >> 16), Sequence++ });
                await stream.WriteAsync(payload.AsMemory(offset, chunk));
                offset += chunk;
                if (chunk < 0xFFFFFF)
                {
                    return;
                }
            }
        }
    }
}
