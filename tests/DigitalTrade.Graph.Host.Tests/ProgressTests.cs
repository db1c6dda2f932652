using System.Collections.Concurrent;
using DigitalTrade.Graph.Corpus;
using DigitalTrade.Graph.Host.Commands;

namespace DigitalTrade.Graph.Host.Tests;

/// <summary>Progress of long commands: one line on a terminal, thinned out, erased; silent when redirected.</summary>
public sealed class ProgressTests
{
    [Fact]
    public void Nothing_is_drawn_in_the_first_half_second_so_short_runs_print_as_before()
    {
        var clock = new ManualClock();
        var screen = new StringWriter();
        using var progress = new TerminalProgress(screen, clock);

        clock.Advance(TimeSpan.FromMilliseconds(499));
        progress.Report("files read", 10, 100);
        progress.Report("files read", 100, 100);
        progress.Clear();

        Assert.Equal(string.Empty, screen.ToString());
    }

    [Fact]
    public void After_that_one_line_is_redrawn_at_most_ten_times_a_second_and_always_at_the_end()
    {
        var clock = new ManualClock();
        var screen = new StringWriter();
        using var progress = new TerminalProgress(screen, clock);

        clock.Advance(TimeSpan.FromMilliseconds(600));
        progress.Report("files read", 12_345, 100_000);
        clock.Advance(TimeSpan.FromMilliseconds(50));
        progress.Report("files read", 12_400, 100_000); // within 100 ms: skipped
        clock.Advance(TimeSpan.FromMilliseconds(60));
        progress.Report("files read", 99_999, 100_000);
        progress.Report("files read", 100_000, 100_000); // the last one is always drawn
        progress.Clear();

        const string Width = "files read: 100,000/100,000";
        Assert.Equal(
            "\rfiles read: 12,345/100,000" +
            "\rfiles read: 99,999/100,000" +
            "\rfiles read: 100,000/100,000" +
            "\r" + new string(' ', Width.Length) + "\r",
            screen.ToString());
    }

    [Fact]
    public void A_shorter_line_covers_what_a_longer_one_left()
    {
        var clock = new ManualClock();
        var screen = new StringWriter();
        using var progress = new TerminalProgress(screen, clock);

        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Report("relations written", 10, 10);
        progress.Report("entities written", 10, 10);

        Assert.EndsWith("\rentities written: 10/10 ", screen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_terminal_nothing_is_written()
    {
        var clock = new ManualClock();
        var progress = new TerminalProgress(null, clock);
        clock.Advance(TimeSpan.FromSeconds(5));

        progress.Report("files read", 1, 1);
        progress.Clear();
        progress.Dispose();

        Assert.Equal(1, clock.Reads); // its start only: a report costs nothing
    }

    [Fact]
    public void The_corpus_loader_reports_every_file_it_reads_from_its_reading_threads()
    {
        var corpus = ApiCorpus.Write();
        try
        {
            var reports = new ConcurrentBag<CorpusLoadProgress>();
            var result = CorpusLoader.Load(corpus, progress: new Collect<CorpusLoadProgress>(reports.Add));

            Assert.True(result.Succeeded);
            Assert.Equal(result.FileCount, reports.Count);
            Assert.All(reports, r => Assert.Equal(result.FileCount, r.FileCount));
            Assert.Equal(Enumerable.Range(1, result.FileCount), reports.Select(r => r.FilesRead).Order());
        }
        finally
        {
            Directory.Delete(corpus, recursive: true);
        }
    }

    [Fact]
    public async Task Redirected_output_gets_no_progress_line()
    {
        var result = await Processes.Dtgraph("validate", Path.Combine(RepositoryRoot.Path, "graph-seed"));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.DoesNotContain('\r', result.Stdout);
    }

    private sealed class Collect<T>(Action<T> add) : IProgress<T>
    {
        public void Report(T value) => add(value);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public int Reads { get; private set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp()
        {
            Reads++;
            return _ticks;
        }

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
