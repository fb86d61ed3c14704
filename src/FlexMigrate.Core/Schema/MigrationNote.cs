using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Schema;

/// <summary>How much a <see cref="MigrationNote"/> matters to the user reading the report ("info", "warning", "error" in JSON).</summary>
[JsonConverter(typeof(NoteSeverityJsonConverter))]
public enum NoteSeverity
{
    /// <summary>Something the tool did on purpose (e.g. an engine converted as configured).</summary>
    Info,

    /// <summary>A difference from the source the user should review.</summary>
    Warning,

    /// <summary>An object that was not migrated (e.g. an account with no login method the target supports); the
    /// message says what to do.</summary>
    Error,
}

/// <summary>Writes <see cref="NoteSeverity"/> as the report always has: "info", "warning", whatever serializer options are in use.</summary>
internal sealed class NoteSeverityJsonConverter() : JsonStringEnumConverter<NoteSeverity>(JsonNamingPolicy.CamelCase);

/// <summary>
/// One line of the migration report: what happened to which object (a rewritten definer, a converted engine, an
/// index added after catch-up, a cutover undone ...). The one note type of every layer: the engine writes it, the
/// orchestration carries it in durable payloads, the report and the CLI show it.
/// </summary>
/// <param name="Severity">Info, Warning or Error.</param>
/// <param name="Object">The object, quoted as in SQL (<c>`db`.`t`</c>), or a server description.</param>
/// <param name="Message">A sentence saying what was done and, when relevant, how to change it.</param>
public sealed record MigrationNote(NoteSeverity Severity, string Object, string Message);
