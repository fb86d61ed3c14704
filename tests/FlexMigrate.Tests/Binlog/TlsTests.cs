using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Tests.Binlog;

/// <summary>SSLRequest + TLS against the fake server: certificate verification modes and caching_sha2 full auth over TLS.</summary>
public sealed class TlsTests : IDisposable
{
    private readonly X509Certificate2 _certificate;
    private readonly string _caFile = Path.Combine(Path.GetTempPath(), $"fm-binlog-ca-{Guid.NewGuid():N}.pem");

    public TlsTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=binlog-fake.example", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        File.WriteAllText(_caFile, created.ExportCertificatePem());
    }

    public void Dispose()
    {
        _certificate.Dispose();
        File.Delete(_caFile);
    }

    [Theory]
    [InlineData("SslMode=Required")]
    [InlineData("SslMode=VerifyCA;SslCa={ca}")]
    public async Task Full_caching_sha2_authentication_runs_over_TLS(string ssl)
    {
        await using var server = new FakeBinlogServer(FakeAuth.CachingSha2FullRsa, "tls-pw", _ => (MySqlFixture.Stream(), false), _certificate);

        var txs = await ReadAsync(server.ConnectionString(ssl: ssl.Replace("{ca}", _caFile, StringComparison.Ordinal)));

        Assert.Single(txs);
        Assert.True(server.SawTls);
    }

    [Theory]
    [InlineData("SslMode=VerifyCA")]               // no CA given: the self-signed chain is untrusted
    [InlineData("SslMode=VerifyFull;SslCa={ca}")]  // trusted CA, but the name is not 127.0.0.1
    public async Task Certificate_verification_failures_stop_the_connection(string ssl)
    {
        await using var server = new FakeBinlogServer(FakeAuth.CachingSha2FullRsa, "tls-pw", _ => (MySqlFixture.Stream(), false), _certificate);

        var ex = await Assert.ThrowsAsync<BinlogException>(() => ReadAsync(server.ConnectionString(ssl: ssl.Replace("{ca}", _caFile, StringComparison.Ordinal))));

        Assert.Contains("TLS handshake", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<List<BinlogTransaction>> ReadAsync(string connectionString)
    {
        var list = new List<BinlogTransaction>();
        var options = new BinlogReadOptions { ServerId = 99, StopAtEnd = true, MaxReconnectAttempts = 0 };
        await foreach (var tx in new BinlogClient(connectionString).ReadTransactionsAsync(BinlogStartPosition.At(new BinlogPosition(MySqlFixture.File, 4)), options))
        {
            list.Add(tx);
        }

        return list;
    }
}
