using MySqlConnector;

namespace FlexMigrate.Core.Binlog;

/// <summary>How the replication connection uses TLS. Mirrors MySqlConnector's SslMode names.</summary>
public enum BinlogTlsMode
{
    /// <summary>Plain TCP.</summary>
    None,

    /// <summary>TLS when the server offers it, without certificate checks.</summary>
    Preferred,

    /// <summary>TLS or fail, without certificate checks.</summary>
    Required,

    /// <summary>TLS, the chain must lead to the given CA (or a system root).</summary>
    VerifyCA,

    /// <summary>As VerifyCA, and the host name must match the certificate.</summary>
    VerifyFull,
}

/// <summary>Where and how to connect for replication. Build it from an ordinary MySQL connection string.</summary>
public sealed record BinlogConnectionSettings
{
    public required string Host { get; init; }

    public int Port { get; init; } = 3306;

    public required string User { get; init; }

    public string Password { get; init; } = "";

    public BinlogTlsMode TlsMode { get; init; } = BinlogTlsMode.Preferred;

    /// <summary>PEM file with the CA certificate(s) for VerifyCA/VerifyFull (Azure: DigiCert Global Root G2).</summary>
    public string? CaCertificatePath { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The original connection string, for the ordinary SQL connection (schema, positions).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>"host:port" for messages; never contains the password.</summary>
    public string DisplayName => $"{Host}:{Port}";

    /// <summary>
    /// Reads Server, Port, User ID, Password, SslMode and SslCa from a MySqlConnector connection string. Azure Database for
    /// MySQL Single Server wants `user@servername`: when the host is `name.mysql.database.azure.com` and the user has no
    /// '@', set <paramref name="azureSingleServer"/> to append it.
    /// </summary>
    public static BinlogConnectionSettings FromConnectionString(string connectionString, bool azureSingleServer = false)
    {
        var b = new MySqlConnectionStringBuilder(connectionString);
        var host = b.Server.Split(',')[0].Trim();
        var user = b.UserID;
        if (azureSingleServer && !user.Contains('@', StringComparison.Ordinal))
        {
            user = $"{user}@{host.Split('.')[0]}";
        }

        return new BinlogConnectionSettings
        {
            Host = host,
            Port = (int)b.Port,
            User = user,
            Password = b.Password,
            TlsMode = b.SslMode switch
            {
                MySqlSslMode.None => BinlogTlsMode.None,
                MySqlSslMode.Required => BinlogTlsMode.Required,
                MySqlSslMode.VerifyCA => BinlogTlsMode.VerifyCA,
                MySqlSslMode.VerifyFull => BinlogTlsMode.VerifyFull,
                _ => BinlogTlsMode.Preferred,
            },
            CaCertificatePath = string.IsNullOrEmpty(b.SslCa) ? null : b.SslCa,
            ConnectTimeout = TimeSpan.FromSeconds(b.ConnectionTimeout == 0 ? 15 : b.ConnectionTimeout),
            ConnectionString = connectionString,
        };
    }
}
