using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace FlexMigrate.Core.Binlog.Protocol;

/// <summary>Wraps the socket in TLS after the SSLRequest, verifying the certificate as the settings ask.</summary>
internal static class TlsUpgrader
{
    public static async Task<SslStream> UpgradeAsync(Stream inner, BinlogConnectionSettings settings, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false, (_, certificate, chain, errors) => Validate(settings, certificate, chain, errors));
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = settings.Host }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new BinlogException($"TLS handshake with {settings.DisplayName} failed ({settings.TlsMode}): {ex.Message}. " +
                "Check SslMode and SslCa (Azure needs the DigiCert Global Root G2 CA for VerifyCA).", ex);
        }

        return ssl;
    }

    internal static bool Validate(BinlogConnectionSettings settings, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (settings.TlsMode is BinlogTlsMode.Preferred or BinlogTlsMode.Required)
        {
            return true;
        }

        if (certificate is null)
        {
            return false;
        }

        var ignoreName = settings.TlsMode == BinlogTlsMode.VerifyCA;
        var remaining = ignoreName ? errors & ~SslPolicyErrors.RemoteCertificateNameMismatch : errors;
        if (remaining == SslPolicyErrors.None)
        {
            return true;
        }

        if (settings.CaCertificatePath is null || (remaining & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        // Chain errors only: retry the chain with the configured CA as the sole trust anchor.
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(settings.CaCertificatePath);
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(new X509Certificate2(certificate));
    }
}
