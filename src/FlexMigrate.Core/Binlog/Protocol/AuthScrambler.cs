using System.Security.Cryptography;
using System.Text;

namespace FlexMigrate.Core.Binlog.Protocol;

/// <summary>
/// Password proofs of the authentication plugins we speak.
/// See https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods.html
/// </summary>
internal static class AuthScrambler
{
    public const string NativePassword = "mysql_native_password";
    public const string CachingSha2 = "caching_sha2_password";
    public const string ClearPassword = "mysql_clear_password";

    public static bool IsSupported(string plugin) => plugin is NativePassword or CachingSha2 or ClearPassword;

    /// <summary>First answer for <paramref name="plugin"/>; empty password answers empty.</summary>
    public static byte[] Respond(string plugin, string password, ReadOnlySpan<byte> scramble, bool secureChannel) => plugin switch
    {
        _ when password.Length == 0 && plugin != ClearPassword => [],
        NativePassword => Native(password, scramble),
        CachingSha2 => Sha256Scramble(password, scramble),
        // Only ever sent over TLS: the caller refuses otherwise.
        ClearPassword when secureChannel => [.. Encoding.UTF8.GetBytes(password), 0],
        _ => throw new BinlogException($"Authentication plugin '{plugin}' is not supported (or needs TLS); use mysql_native_password or caching_sha2_password."),
    };

    /// <summary>SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))).</summary>
    public static byte[] Native(string password, ReadOnlySpan<byte> scramble)
    {
        var hash1 = SHA1.HashData(Encoding.UTF8.GetBytes(password));
        var hash2 = SHA1.HashData(hash1);
        var hash3 = SHA1.HashData([.. scramble[..20], .. hash2]);
        for (var i = 0; i < hash1.Length; i++)
        {
            hash1[i] ^= hash3[i];
        }

        return hash1;
    }

    /// <summary>XOR(SHA256(pw), SHA256(SHA256(SHA256(pw)) + scramble)).</summary>
    public static byte[] Sha256Scramble(string password, ReadOnlySpan<byte> scramble)
    {
        var hash1 = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        var hash2 = SHA256.HashData(hash1);
        var hash3 = SHA256.HashData([.. hash2, .. scramble[..20]]);
        for (var i = 0; i < hash1.Length; i++)
        {
            hash1[i] ^= hash3[i];
        }

        return hash1;
    }

    /// <summary>caching_sha2 full authentication without TLS: RSA-OAEP(SHA-1) of (pw + NUL) XOR the cycled scramble.</summary>
    public static byte[] RsaEncryptPassword(string password, ReadOnlySpan<byte> scramble, string publicKeyPem)
    {
        var plain = Encoding.UTF8.GetBytes(password + "\0");
        for (var i = 0; i < plain.Length; i++)
        {
            plain[i] ^= scramble[i % 20];
        }

        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        return rsa.Encrypt(plain, RSAEncryptionPadding.OaepSHA1);
    }
}
