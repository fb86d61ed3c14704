namespace FlexMigrate.Core.Validation;

/// <summary>One schema object as read from one server, its definition already normalized for comparison.</summary>
/// <param name="ObjectType">See <see cref="SchemaDifference.ObjectType"/>.</param>
/// <param name="Name">See <see cref="SchemaDifference.Name"/>.</param>
/// <param name="Table">The table the object belongs to (null for views, routines, events, databases).</param>
/// <param name="Definition">Normalized definition text.</param>
internal sealed record SchemaObject(string ObjectType, string Name, string? Table, string Definition)
{
    public string Id => ObjectType + "\u0000" + Name;
}
