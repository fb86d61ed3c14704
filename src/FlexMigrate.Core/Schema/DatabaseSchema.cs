namespace FlexMigrate.Core.Schema;

/// <summary>A source database's defaults (information_schema.SCHEMATA).</summary>
/// <param name="Name">Database name.</param>
/// <param name="CharacterSet">Default character set.</param>
/// <param name="Collation">Default collation.</param>
/// <param name="Comment">MariaDB 10.5+ schema comment; empty elsewhere.</param>
public sealed record DatabaseSchema(string Name, string CharacterSet, string Collation, string Comment);
