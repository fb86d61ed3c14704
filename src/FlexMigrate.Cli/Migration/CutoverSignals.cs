using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Migration;

/// <summary>
/// Where the CLI's cutover can come from while an online migration replicates: the flag file, the `c` key on an
/// interactive terminal, or the lag falling below `--cutover-when-lag-below` (once; after a failed cutover only a
/// new explicit signal retries, so a cutover that keeps failing does not loop).
/// </summary>
internal sealed class CutoverSignals(string flagPath, CutoverRequest defaults, double? lagBelowSeconds, bool keyboard, TextWriter diagnostics)
{
    private bool _lagTriggered;

    public string FlagPath => flagPath;

    /// <summary>A cutover to raise now, or null.</summary>
    public CutoverRequest? Poll(MigrationStatus status)
    {
        if (status.Replication is not { } replication || status.Phase == MigrationPhase.CuttingOver)
        {
            return null;
        }

        try
        {
            if (CutoverFlagFile.Take(flagPath) is { } fromFile)
            {
                return fromFile;
            }
        }
        catch (InvalidDataException ex)
        {
            // A garbled signal must not end a migration that has replicated for days: say so and keep going.
            diagnostics.WriteLine(ex.Message);
        }

        if (keyboard && KeyPressed())
        {
            return defaults with { RequestedBy = "keyboard" };
        }

        if (lagBelowSeconds is { } limit && !_lagTriggered && replication.CaughtUp && replication.LagSeconds < limit)
        {
            _lagTriggered = true;
            return defaults with { RequestedBy = $"lag below {limit} s" };
        }

        return null;
    }

    private static bool KeyPressed()
    {
        while (Console.KeyAvailable)
        {
            if (Console.ReadKey(intercept: true).KeyChar is 'c' or 'C')
            {
                return true;
            }
        }

        return false;
    }
}
