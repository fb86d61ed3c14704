using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Schema;

/// <summary>How much a <see cref="MigrationNote"/> matters to the user reading the report.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoteSeverity>))]
public enum NoteSeverity
{
    /// <summary>Something the tool did on purpose (e.g. an engine converted as configured).</summary>
    Info,

    /// <summary>A difference from the source the user should review.</summary>
    Warning,
}

/// <summary>One line of the migration report: what happened to which object.</summary>
/// <param name="Severity">Info or Warning.</param>
/// <param name="Object">The object, quoted as in SQL (<c>`db`.`t`</c>), or a server description.</param>
/// <param name="Message">A sentence saying what was done and, when relevant, how to change it.</param>
public sealed record MigrationNote(NoteSeverity Severity, string Object, string Message);
