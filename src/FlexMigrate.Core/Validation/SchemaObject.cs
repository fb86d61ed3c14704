namespace FlexMigrate.Core.Validation;

/// <summary>One schema object as read from one server, its attributes already normalized for comparison.</summary>
/// <param name="ObjectType">See <see cref="SchemaDifference.ObjectType"/>.</param>
/// <param name="Name">See <see cref="SchemaDifference.Name"/>.</param>
/// <param name="Table">The table the object belongs to (null for views, routines, events, databases).</param>
/// <param name="Attributes">What is compared, by name; the first is shown when the object is missing on one side.</param>
internal sealed record SchemaObject(string ObjectType, string Name, string? Table, IReadOnlyList<SchemaAttribute> Attributes)
{
    /// <summary>An object compared by one normalized definition text.</summary>
    public SchemaObject(string objectType, string name, string? table, string definition)
        : this(objectType, name, table, [new SchemaAttribute("definition", definition)])
    {
    }

    public string Id => ObjectType + "\u0000" + Name;

    /// <summary>The first attribute's value (its definition), shown when the object is missing on one side.</summary>
    public string Definition => Attributes.Count > 0 ? Attributes[0].Value : "";
}

/// <summary>One compared attribute of a <see cref="SchemaObject"/>.</summary>
/// <param name="Name">As reported: "definition", "character_set_client", "sql_mode", ...</param>
/// <param name="Value">What the report shows.</param>
/// <param name="Key">What is compared when the value shown is not exact: a definition's bytes as hex (null: the value).</param>
internal sealed record SchemaAttribute(string Name, string Value, string? Key = null)
{
    public string Compared => Key ?? Value;
}
