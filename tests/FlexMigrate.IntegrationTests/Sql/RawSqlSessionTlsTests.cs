using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Sql;
using FlexMigrate.IntegrationTests.Precheck;

namespace FlexMigrate.IntegrationTests.Sql;

/// <summary>
/// The raw session over TLS against a MariaDB that refuses plain connections (require_secure_transport, as Azure
/// Database for MySQL does), with a password user, a verified CA, and a refused unverifiable certificate.
/// </summary>
public sealed class RawSqlSessionTlsTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fm-raw-tls-{Guid.NewGuid():N}");
    private ScratchServer _server = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=flexmigrate-test-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Ca, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(_directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        _server = await ScratchServer.StartAsync("tls", "--server-id=41", "--skip-log-bin", $"--ssl-ca={Ca}", $"--ssl-cert={Ca}",
            $"--ssl-key={Path.Combine(_directory, "key.pem")}", "--require-secure-transport=ON");
        await _server.ExecAsync("CREATE USER 'fm_tls'@'%' IDENTIFIED BY 'pw-tls'; GRANT ALL ON *.* TO 'fm_tls'@'%'");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private string Ca => Path.Combine(_directory, "ca.pem");

    [Theory]
    [InlineData("SslMode=Required")]
    [InlineData("SslMode=VerifyCA;SslCa={ca}")]
    public async Task Statements_run_over_TLS(string ssl)
    {
        var connection = $"Server=127.0.0.1;Port={_server.Port};User ID=fm_tls;Password=pw-tls;{ssl.Replace("{ca}", Ca, StringComparison.Ordinal)}";
        await using var session = await RawSqlSession.OpenAsync(connection, "target", CancellationToken.None);
        Assert.True(SqlCharset.Of("latin1").TryEncode("SELECT HEX('é'), CHARSET('é')", out var bytes));

        var outcome = await session.ExecuteAsync(new StatementBytes(bytes, SqlCharset.Of("latin1")),
            new SessionState { CharacterSetClient = "latin1", CollationConnection = "latin1_swedish_ci" }, null, CancellationToken.None);
        var cipher = await session.ExecuteAsync(StatementBytes.FromText("SHOW SESSION STATUS LIKE 'Ssl_cipher'"), SessionState.Engine, null, CancellationToken.None);

        Assert.Equal("E9|latin1", string.Join("|", outcome.Rows[0].Select(v => Encoding.UTF8.GetString(v!))));
        Assert.NotEmpty(cipher.Rows[0][1]!);
    }

    [Fact]
    public async Task An_unverifiable_certificate_is_refused_with_a_message_naming_the_server()
    {
        var connection = $"Server=127.0.0.1;Port={_server.Port};User ID=fm_tls;Password=pw-tls;SslMode=VerifyCA";

        var ex = await Assert.ThrowsAsync<SchemaMigrationException>(() => RawSqlSession.OpenAsync(connection, "target", CancellationToken.None));

        Assert.Contains($"target server 127.0.0.1:{_server.Port}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TLS handshake", ex.Message, StringComparison.Ordinal);
    }
}
