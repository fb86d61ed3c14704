using FlexMigrate.Cli.Commands;
using FlexMigrate.Orchestration.Contracts;

namespace FlexMigrate.Cli.Display;

/// <summary>
/// Shows a running migration: live on a terminal (<see cref="LiveProgressDisplay"/>), as plain lines when stderr is
/// redirected (<see cref="PlainProgressDisplay"/>). Notices (the migration id, how to cut over, the dashboard URL,
/// warnings) go through the display too, so they never tear the live block.
/// </summary>
internal abstract class ProgressDisplay
{
    public static ProgressDisplay For(CommandConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return console.IsInteractive
            ? new LiveProgressDisplay(TerminalConsoles.For(console.Error, isTerminal: true))
            : new PlainProgressDisplay(console.Error);
    }

    /// <summary>Runs <paramref name="work"/> while the display is shown; it reports through <see cref="Update"/>
    /// and <see cref="Notice"/>.</summary>
    public abstract Task<T> ShowAsync<T>(Func<Task<T>> work);

    public abstract void Update(MigrationStatus status);

    /// <summary>A line of its own above the live block (or in sequence with the plain lines).</summary>
    public abstract void Notice(string text);

    /// <summary>A writer whose lines become notices, for code that reports through a TextWriter.</summary>
    public TextWriter NoticeWriter() => new NoticeTextWriter(this);

    private sealed class NoticeTextWriter(ProgressDisplay display) : TextWriter
    {
        private readonly System.Text.StringBuilder _line = new();

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                display.Notice(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }
}
