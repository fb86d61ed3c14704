using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Accounts;

/// <summary>The REQUIRE clause of an account (mysql.user ssl_type; https://dev.mysql.com/doc/refman/8.0/en/create-user.html#create-user-tls).</summary>
public enum TlsKind
{
    /// <summary>REQUIRE NONE.</summary>
    None,

    /// <summary>REQUIRE SSL: any encrypted connection.</summary>
    Ssl,

    /// <summary>REQUIRE X509: a valid client certificate.</summary>
    X509,

    /// <summary>REQUIRE CIPHER / ISSUER / SUBJECT.</summary>
    Specified,
}

/// <summary>The TLS an account must connect with.</summary>
public sealed record TlsRequirement(TlsKind Kind, string Cipher = "", string Issuer = "", string Subject = "")
{
    public static TlsRequirement None { get; } = new(TlsKind.None);

    /// <summary>The clause after REQUIRE as SQL (both flavours share the syntax).</summary>
    public string Describe() => Kind switch
    {
        TlsKind.None => "NONE",
        TlsKind.Ssl => "SSL",
        TlsKind.X509 => "X509",
        _ => string.Join(" AND ", new[] { ("CIPHER", Cipher), ("ISSUER", Issuer), ("SUBJECT", Subject) }
            .Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1} {SqlText.Literal(p.Item2, noBackslashEscapes: true)}")),
    };
}
