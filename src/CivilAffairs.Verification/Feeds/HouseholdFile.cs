using CivilAffairs.Verification.Engine;

namespace CivilAffairs.Verification.Feeds;

/// <summary>Reads households.csv (household_id,id_number — one row per member, a household's rows together) into verification input.</summary>
public static class HouseholdFile
{
    public static List<HouseholdInput> Read(string path) => ReadBatch(path).ToInputs();

    /// <summary>Reads the file in segments on every core, into flat arrays (file order kept).</summary>
    public static HouseholdBatch ReadBatch(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return ReadBatch(new ByteSource.File(handle));
    }

    internal static HouseholdBatch ReadBatch(ByteSource source, int segmentBytes = SegmentedFile.DefaultSegmentBytes,
        Action<long>? bytesRead = null, CancellationToken ct = default)
    {
        var head = new byte[(int)Math.Min(64 * 1024, source.Length)];
        var filled = source.ReadFull(head, 0);
        var headerEnd = head.AsSpan(0, filled).IndexOf((byte)'\n');
        if (headerEnd < 0) return new HouseholdBatch([], [0], []);
        var parts = new (long[] Ids, ulong[] Keys, int Count)[(int)((source.Length - headerEnd - 1) / segmentBytes + 1)];
        var errors = new (long Line, string Message)?[parts.Length];
        var segmentLines = SegmentedFile.ForEachSegment(source, headerEnd + 1, segmentBytes, Environment.ProcessorCount, (_, segment, lines, _) =>
        {
            // a row is at least "1," + 18 characters + a line end
            var ids = GC.AllocateUninitializedArray<long>(lines.Length / 21 + 1);
            var keys = GC.AllocateUninitializedArray<ulong>(ids.Length);
            var n = 0;
            var count = 0;
            while (!lines.IsEmpty)
            {
                count++;
                var end = lines.IndexOf((byte)'\n');
                var line = end < 0 ? lines : lines[..end];
                lines = end < 0 ? default : lines[(end + 1)..];
                if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
                if (line.IsEmpty) continue;
                var comma = line.IndexOf((byte)',');
                if (comma < 0 || !System.Buffers.Text.Utf8Parser.TryParse(line[..comma], out long id, out var used) || used != comma)
                {
                    // the first error of the segment; the line number is made absolute once every segment has been counted
                    errors[segment] = (count - 1, "行格式应为 household_id,id_number");
                    return count + lines.Count((byte)'\n') + (lines.IsEmpty || lines[^1] == (byte)'\n' ? 0 : 1);
                }
                var key = PersonKey.Pack(line[(comma + 1)..]);
                if (key == 0)
                {
                    errors[segment] = (count - 1, $"身份证号码无效：{System.Text.Encoding.UTF8.GetString(line[(comma + 1)..])}");
                    return count + lines.Count((byte)'\n') + (lines.IsEmpty || lines[^1] == (byte)'\n' ? 0 : 1);
                }
                ids[n] = id;
                keys[n++] = key;
            }
            parts[segment] = (ids, keys, n);
            return count;
        }, bytesRead, ct);
        var firstLines = SegmentedFile.FirstLines(segmentLines, 1);
        for (var i = 0; i < segmentLines.Length; i++)
            if (errors[i] is { } error) throw new FormatException($"households.csv 第 {firstLines[i] + error.Line} 行：{error.Message}");
        var rows = parts.Sum(p => p.Count);
        var members = GC.AllocateUninitializedArray<ulong>(rows);
        var householdIds = new List<long>(rows / 2 + 1);
        var offsets = new List<int>(rows / 2 + 2) { 0 };
        var at = 0;
        var current = 0L;
        foreach (var (ids, keys, count) in parts)
        {
            for (var i = 0; i < count; i++, at++)
            {
                // a new household starts where the id changes (its rows come together)
                if (at == 0 || ids[i] != current)
                {
                    if (at > 0) offsets.Add(at);
                    householdIds.Add(ids[i]);
                    current = ids[i];
                }
                members[at] = keys[i];
            }
        }
        if (at > 0) offsets.Add(at);
        return new HouseholdBatch([.. householdIds], [.. offsets], members);
    }
}
