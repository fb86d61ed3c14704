using FlexMigrate.Core.Throttling;

namespace FlexMigrate.Orchestration.Contracts;

/// <summary>The settings of a running migration that live control changes (docs/throttling.md).</summary>
/// <param name="Parallelism">Units of work in flight at most (the orchestrator's pool limit).</param>
/// <param name="ChunkRows">Rows per chunk for tables whose chunks are not planned yet.</param>
/// <param name="Throttle">The throttle conditions every unit carries.</param>
/// <param name="Paused">No new unit starts; work in flight finishes.</param>
public sealed record ControlSettings(int Parallelism, long ChunkRows, ThrottleSettings Throttle, bool Paused = false)
{
    /// <summary>The settings a migration starts with.</summary>
    public static ControlSettings Of(MigrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ControlSettings(options.Parallelism, options.ChunkRows, options.Throttle ?? ThrottleSettings.None);
    }
}
