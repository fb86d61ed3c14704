using System.Text.Json.Serialization;
using FlexMigrate.Azure.Storage;
using FlexMigrate.Core.Copy;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// A table's copy spec as chunk steps carry it: the spec itself when it is small, else a reference to the one copy
/// stored for the table (above <see cref="Azure.IPayloadStore.InlineBytesLimit"/>), so a wide table's column list is
/// not repeated in durable history once per chunk. Exactly one of the two is set.
/// </summary>
/// <param name="Spec">The spec inline.</param>
/// <param name="Stored">Where the spec is stored.</param>
public sealed record CopySpecRef(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CopyTableSpec? Spec = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PayloadReference? Stored = null);
