namespace FlexMigrate.Core.Precheck.Rules.Connectivity;

/// <summary>connectivity.tls: whether each server offers TLS and whether this connection uses it.</summary>
internal sealed class TlsRule : FactRule
{
    public const string Id = "connectivity.tls";

    public override PrecheckGroup Group => PrecheckGroup.Connectivity;

    public override PrecheckNeeds Needs => PrecheckNeeds.None;

    protected override IEnumerable<PrecheckFinding> Evaluate(PrecheckContext context)
    {
        foreach (var server in new[] { context.Source, context.Target }.OfType<ServerFacts>())
        {
            if (server.ConnectionEncrypted)
            {
                yield return new PrecheckFinding(Id, PrecheckSeverity.Info, server.Label, "The connection uses TLS.",
                    "Credentials and data are encrypted in transit.", "None needed.");
            }
            else if (server.VariableIs("have_ssl", "YES"))
            {
                yield return new PrecheckFinding(Id, PrecheckSeverity.Warning, server.Label,
                    "The server offers TLS but this connection does not use it.",
                    "Passwords and table data would cross the network unencrypted.",
                    "Add SslMode=Required (or VerifyCA/VerifyFull with SslCa=<ca.pem>) to the connection string.");
            }
            else
            {
                yield return new PrecheckFinding(Id, PrecheckSeverity.Warning, server.Label,
                    $"The server does not offer TLS (have_ssl={server.Variable("have_ssl") ?? "absent"}).",
                    "Passwords and table data cross the network unencrypted.",
                    "Configure ssl_cert and ssl_key on the server (MySQL 5.7+ can generate them with mysql_ssl_rsa_setup) and restart; " +
                    "Azure servers offer TLS by default (server parameter require_secure_transport).");
            }
        }
    }
}
