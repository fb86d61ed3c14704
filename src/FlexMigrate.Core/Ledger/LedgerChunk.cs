using FlexMigrate.Core.Copy;

namespace FlexMigrate.Core.Ledger;

/// <summary>One planned chunk and what the ledger knows of its copy.</summary>
/// <param name="Chunk">The key range, exactly as planned (bounds are typed key values).</param>
/// <param name="Count">Chunks in the table's plan.</param>
/// <param name="Attempts">Copies started (1 for a chunk copied once; more when a kill or retry repeated it).</param>
/// <param name="CopiedRows">Rows committed with the completion, or null while not copied.</param>
/// <param name="CopiedBytes">Bytes read for that copy.</param>
/// <param name="CopiedInRun">The run that committed it.</param>
public sealed record LedgerChunk(CopyChunk Chunk, int Count, int Attempts, long? CopiedRows, long? CopiedBytes, int? CopiedInRun)
{
    /// <summary>The chunk's rows are on the target (its completion committed with them).</summary>
    public bool IsCopied => CopiedRows is not null;
}
