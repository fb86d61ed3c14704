namespace FlexMigrate.Core.Replication;

/// <summary>
/// One child column of a foreign key with the character set and collation it compares in (null for non-text
/// columns). InnoDB matches child rows in the child index, so its collation decides whether 'abc' matches 'ABC'.
/// </summary>
public sealed record ForeignKeyColumn(string Name, string? CharacterSet, string? Collation);
