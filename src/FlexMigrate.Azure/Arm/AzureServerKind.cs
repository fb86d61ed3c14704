namespace FlexMigrate.Azure.Arm;

/// <summary>Which Azure Database for MySQL offering a resource id points at.</summary>
public enum AzureServerKind
{
    /// <summary><c>Microsoft.DBforMySQL/servers</c>: Single Server (5.6/5.7/8.0), the usual migration source.</summary>
    SingleServer,

    /// <summary><c>Microsoft.DBforMySQL/flexibleServers</c>: Flexible Server, the migration target.</summary>
    FlexibleServer,
}
