namespace FlexMigrate.Cli.Commands;

/// <summary>Process exit codes; scripts depend on them, so they never change meaning.</summary>
internal static class ExitCodes
{
    /// <summary>Success (validation: source and target are equal).</summary>
    public const int Success = 0;

    /// <summary>The operation ran and failed (validation: differences found).</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or input: unknown option, missing argument, malformed value.</summary>
    public const int Usage = 2;

    /// <summary>Precheck found errors that block the migration.</summary>
    public const int PrecheckBlocked = 3;

    /// <summary>Interrupted by the user (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
