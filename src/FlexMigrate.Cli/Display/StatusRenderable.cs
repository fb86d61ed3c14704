using FlexMigrate.Orchestration.Contracts;
using Spectre.Console.Rendering;

namespace FlexMigrate.Cli.Display;

/// <summary>
/// The live block as a Spectre renderable: laid out at render time for the width and height Spectre gives, so a
/// resized terminal gets lines that fit at the next refresh.
/// </summary>
internal sealed class StatusRenderable(MigrationStatus status) : Renderable
{
    protected override Measurement Measure(RenderOptions options, int maxWidth) => new(1, maxWidth);

    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth) =>
        ProgressLayout.Lines(status, maxWidth, options.ConsoleSize.Height, options.Unicode).SelectMany(l => l.Segments());
}
