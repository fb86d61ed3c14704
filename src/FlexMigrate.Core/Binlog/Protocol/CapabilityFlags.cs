namespace FlexMigrate.Core.Binlog.Protocol;

/// <summary>Client/server capability flags. See https://dev.mysql.com/doc/dev/mysql-server/latest/group__group__cs__capabilities__flags.html</summary>
internal static class CapabilityFlags
{
    public const uint LongPassword = 0x1;
    public const uint LongFlag = 0x4;
    public const uint Protocol41 = 0x200;
    public const uint Ssl = 0x800;
    public const uint Transactions = 0x2000;
    public const uint SecureConnection = 0x8000;
    public const uint MultiResults = 0x20000;
    public const uint PluginAuth = 0x80000;
    public const uint PluginAuthLengthEncoded = 0x200000;

    public const uint Client = LongPassword | LongFlag | Protocol41 | Transactions | SecureConnection | MultiResults
        | PluginAuth | PluginAuthLengthEncoded;
}
