namespace FlexMigrate.Core.Validation;

/// <summary>
/// A key range [Lower, Upper) in the key's own index order, each bound one encoded value per key column (see
/// <see cref="KeyCodec"/>); null means unbounded, so the first and last chunks also catch target rows outside the
/// source's key range.
/// </summary>
public sealed record ChunkBounds(IReadOnlyList<string>? Lower, IReadOnlyList<string>? Upper)
{
    public static ChunkBounds WholeTable { get; } = new(null, null);
}
