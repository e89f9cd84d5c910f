using Microsoft.Win32.SafeHandles;

namespace CivilAffairs.Verification.Feeds;

/// <summary>Bytes that can be read at any offset: a file (positioned reads, no shared cursor) or an array.</summary>
internal abstract class ByteSource
{
    public abstract long Length { get; }

    /// <summary>Reads up to buffer.Length bytes at <paramref name="offset"/>; returns how many (0 at the end).</summary>
    public abstract int Read(Span<byte> buffer, long offset);

    public int ReadFull(Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = Read(buffer[total..], offset + total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    /// <summary>A file from <paramref name="start"/> (e.g. a stream's current position) to its end.</summary>
    public sealed class File(SafeFileHandle handle, long start = 0) : ByteSource
    {
        public override long Length { get; } = RandomAccess.GetLength(handle) - start;
        public override int Read(Span<byte> buffer, long offset) => RandomAccess.Read(handle, buffer, start + offset);
    }

    public sealed class Memory(byte[] data) : ByteSource
    {
        public override long Length => data.Length;

        public override int Read(Span<byte> buffer, long offset)
        {
            if (offset >= data.Length) return 0;
            var n = (int)Math.Min(buffer.Length, data.Length - offset);
            data.AsSpan((int)offset, n).CopyTo(buffer);
            return n;
        }
    }
}

/// <summary>Parses the lines of one segment; returns how many lines it saw (for exact line numbers afterwards).</summary>
internal delegate int SegmentBody(int worker, int segment, ReadOnlySpan<byte> lines, bool endOfFile);

/// <summary>
/// Reads a text file in fixed-size segments on every core at once: each worker takes the next segment, reads it
/// with a positioned read (no shared stream, so the copying from the OS is parallel too) and parses the lines that
/// start inside it. A line belongs to the segment where it starts; a worker reads on past its segment's end to
/// finish its last line. Segments are handed out in order but may finish in any order; the per-segment line counts
/// let callers turn segment-relative line numbers into file line numbers.
/// </summary>
internal static class SegmentedFile
{
    public const int DefaultSegmentBytes = 4 << 20;
    public const int MaxLineBytes = 8 << 20;

    /// <summary>Runs <paramref name="body"/> over every segment of [start, end of source); returns the lines of each segment.</summary>
    public static int[] ForEachSegment(ByteSource source, long start, int segmentBytes, int workers, SegmentBody body,
        Action<long>? bytesDone = null, CancellationToken ct = default, int maxLineBytes = MaxLineBytes)
    {
        var length = source.Length;
        var count = length <= start ? 0 : checked((int)((length - start + segmentBytes - 1) / segmentBytes));
        var lines = new int[count];
        if (count == 0) return lines;
        var next = -1;
        long done = 0;
        long reported = 0;
        var progressGate = new object();
        workers = Math.Max(1, Math.Min(workers, count));
        // the first failure stops the other workers at their next segment, and reaches the caller as itself
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;

        void Work(int worker)
        {
            try
            {
                Segments(worker);
            }
            catch (Exception e)
            {
                if (e is not OperationCanceledException || !stop.IsCancellationRequested || ct.IsCancellationRequested)
                    Interlocked.CompareExchange(ref failure, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e), null);
                stop.Cancel();
            }
        }

        void Segments(int worker)
        {
            var buffer = new byte[Math.Min(segmentBytes + 64 * 1024, length - start + 1)];
            int segment;
            while ((segment = Interlocked.Increment(ref next)) < count)
            {
                stop.Token.ThrowIfCancellationRequested();
                var s = start + (long)segment * segmentBytes;
                var e = Math.Min(s + segmentBytes, length);
                // one byte before the segment tells whether the segment starts a line
                var from = segment == 0 ? s : s - 1;
                var filled = source.ReadFull(buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - from)), from);
                var begin = 0;
                if (segment > 0)
                {
                    // the first line starting in [s, e) follows the first line end in [s - 1, e - 2]
                    var nl = buffer.AsSpan(0, (int)(e - s)).IndexOf((byte)'\n');
                    begin = nl < 0 ? -1 : nl + 1;
                }
                if (begin >= 0)
                {
                    // the last line starting before e ends at the first line end at or after e - 1
                    var searchFrom = (int)(e - 1 - from);
                    var lastLineStart = begin + buffer.AsSpan(begin, searchFrom - begin).LastIndexOf((byte)'\n') + 1;
                    int end;
                    while (true)
                    {
                        var nl = buffer.AsSpan(searchFrom, filled - searchFrom).IndexOf((byte)'\n');
                        if (nl >= 0)
                        {
                            end = searchFrom + nl + 1;
                            break;
                        }
                        if (from + filled >= length)
                        {
                            end = filled;
                            break;
                        }
                        if (filled - lastLineStart >= maxLineBytes) throw LineTooLong(maxLineBytes);
                        searchFrom = filled;
                        Array.Resize(ref buffer, buffer.Length * 2);
                        filled += source.ReadFull(buffer.AsSpan(filled, (int)Math.Min(buffer.Length - filled, length - from - filled)), from + filled);
                    }
                    if (end - lastLineStart > maxLineBytes) throw LineTooLong(maxLineBytes);
                    lines[segment] = body(worker, segment, buffer.AsSpan(begin, end - begin), from + end >= length);
                }
                var total = Interlocked.Add(ref done, e - s);
                if (bytesDone is not null)
                {
                    // reported in increasing order, whatever order the workers finish in
                    lock (progressGate)
                    {
                        if (total > reported)
                        {
                            reported = total;
                            bytesDone(total);
                        }
                    }
                }
            }
        }

        if (workers == 1) Work(0);
        else
        {
            var threads = new Task[workers - 1];
            for (var w = 1; w < workers; w++)
            {
                var worker = w;
                threads[w - 1] = Task.Factory.StartNew(() => Work(worker), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            Work(0);
            Task.WaitAll(threads);
        }
        failure?.Throw();
        ct.ThrowIfCancellationRequested();
        return lines;
    }

    private static FeedFormatException LineTooLong(int maxLineBytes) => new($"文件中有超过 {maxLineBytes / (1 << 20)} MB 的一行，无法读取");

    /// <summary>The file line number of each segment's first line, given the lines before the first segment.</summary>
    public static long[] FirstLines(int[] segmentLines, long linesBefore)
    {
        var first = new long[segmentLines.Length];
        var line = linesBefore + 1;
        for (var i = 0; i < segmentLines.Length; i++)
        {
            first[i] = line;
            line += segmentLines[i];
        }
        return first;
    }
}
