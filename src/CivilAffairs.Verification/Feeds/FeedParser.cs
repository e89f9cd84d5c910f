using System.Buffers;
using System.Text;

namespace CivilAffairs.Verification.Feeds;

/// <summary>A row the parser refused, with its 1-based line number (the header is line 1).</summary>
public sealed record FeedRowError(long Line, string Message, string? IdNumber = null);

/// <summary>The file could not be read as this feed at all (wrong header, unreadable encoding).</summary>
public sealed class FeedFormatException(string message) : Exception(message);

/// <summary>What parsing a feed file produced: good records, a string table, and the refused rows.</summary>
public sealed class ParsedFeed
{
    public required FeedKind Feed { get; init; }
    public required FeedRecord[] Records { get; init; }
    public required string[] Texts { get; init; }
    public required long RowCount { get; init; }
    public required long ErrorCount { get; init; }
    /// <summary>The first <see cref="FeedParser.MaxReportedErrors"/> errors, in line order.</summary>
    public required IReadOnlyList<FeedRowError> Errors { get; init; }
    public required string Encoding { get; init; }
    /// <summary>Good records made from the rows (a pension row makes up to three); for a partitioned parse, where <see cref="Records"/> stays empty.</summary>
    public long RecordCount { get; init; }
}

/// <summary>
/// Parses one feed file from bytes without decoding the numeric columns: a header check, then every row validated
/// (ID check character, amounts, dates, field count). Bad rows are reported and skipped; good rows are kept.
/// UTF-8 (with or without BOM) and GB18030 are both read.
/// </summary>
public static class FeedParser
{
    public const int MaxReportedErrors = 10_000;

    static FeedParser() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => System.Text.Encoding.GetEncoding(54936);

    public static ParsedFeed Parse(FeedKind feed, string path, DateOnly today, Action<long>? bytesRead = null, CancellationToken ct = default)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Parse(feed, new ByteSource.File(handle), today, bytesRead, ct);
    }

    public static ParsedFeed Parse(FeedKind feed, ReadOnlySpan<byte> data, DateOnly today) => Parse(feed, new ByteSource.Memory(data.ToArray()), today, null, default);

    /// <summary>From the stream's current position; a stream that is not a file is copied to a temporary file first.</summary>
    public static ParsedFeed Parse(FeedKind feed, Stream stream, DateOnly today, Action<long>? bytesRead = null, CancellationToken ct = default)
    {
        if (stream is FileStream { CanSeek: true } file) return Parse(feed, new ByteSource.File(file.SafeFileHandle, file.Position), today, bytesRead, ct);
        var temporary = Path.GetTempFileName();
        try
        {
            using (var copy = File.Create(temporary)) stream.CopyTo(copy);
            return Parse(feed, temporary, today, bytesRead, ct);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private const int ProbeBytes = 8 << 20;

    /// <summary>
    /// Reads the header and the encoding from the start of the file, then parses the rows in segments on every core
    /// (<see cref="SegmentedFile"/>): each worker keeps its own records, strings and errors; line numbers are made
    /// exact afterwards. Records go to one sorted table, or, for a whole-batch run, straight to the per-person-hash
    /// partitions of <paramref name="partitions"/> (one writer per worker; nothing is sorted or de-duplicated here).
    /// </summary>
    internal static ParsedFeed Parse(FeedKind feed, ByteSource source, DateOnly today, Action<long>? bytesRead, CancellationToken ct,
        int segmentBytes = SegmentedFile.DefaultSegmentBytes, PartitionWriter[]? partitions = null)
    {
        try
        {
            return Parse(feed, source, today, bytesRead, ct, segmentBytes, partitions, forceGb18030: false);
        }
        catch (NotUtf8Exception)
        {
            // the start of the file looked like UTF-8 (often plain ASCII), a later part is not: read it all as GB18030
            if (partitions is not null) throw new FeedFormatException("文件前部为 UTF-8、后部不是，整批核对无法中途改换编码；请将文件整体另存为 UTF-8 或 GB18030");
            return Parse(feed, source, today, bytesRead, ct, segmentBytes, partitions, forceGb18030: true);
        }
    }

    private sealed class NotUtf8Exception : Exception;

    private static ParsedFeed Parse(FeedKind feed, ByteSource source, DateOnly today, Action<long>? bytesRead, CancellationToken ct,
        int segmentBytes, PartitionWriter[]? partitions, bool forceGb18030)
    {
        var total = System.Diagnostics.Stopwatch.StartNew();
        var first = new byte[(int)Math.Min(ProbeBytes, source.Length)];
        var filled = source.ReadFull(first, 0);
        ReadOnlySpan<byte> head = first.AsSpan(0, filled);
        var bomLength = head.StartsWith("\uFEFF"u8) ? 3 : 0;
        var lastNewline = head.LastIndexOf((byte)'\n');
        var probe = head[bomLength..(lastNewline < 0 ? filled : lastNewline)];
        var encoding = forceGb18030 ? Gb18030 : DetectEncoding(ref probe);
        var headerEnd = head.IndexOf((byte)'\n');
        if (headerEnd < 0 && filled == ProbeBytes) throw new FeedFormatException("文件中有超过 8 MB 的一行，无法读取");
        var header = TrimCr(headerEnd < 0 ? head[bomLength..] : head[bomLength..headerEnd]);
        var workers = partitions?.Length ?? Math.Max(1, Environment.ProcessorCount);
        var rowsHint = headerEnd < 0 ? 0 : EstimateRows(head[(headerEnd + 1)..], source.Length);
        var shared = partitions is null ? new SharedRecords(rowsHint * RecordsPerRow(feed) + 4096) : null;
        var parsers = new RowParser[workers];
        for (var w = 0; w < workers; w++)
        {
            parsers[w] = new RowParser(feed, encoding, today, w, workers, partitions?[w], shared);
            parsers[w].ReadHeader(header);
        }
        var firstLines = Array.Empty<long>();
        if (headerEnd >= 0)
        {
            var segmentLines = SegmentedFile.ForEachSegment(source, headerEnd + 1, segmentBytes, workers,
                (w, segment, lines, eof) => parsers[w].ParseLines(lines, segment, eof), bytesRead, ct);
            firstLines = SegmentedFile.FirstLines(segmentLines, 1);
        }
        if (Trace) Console.WriteLine($"  [{feed}] read+parse {total.Elapsed.TotalMilliseconds:N0} ms");
        return Merge(feed, parsers, firstLines, encoding, shared);
    }

    private static long EstimateRows(ReadOnlySpan<byte> sample, long fileLength)
    {
        var lines = sample.Count((byte)'\n');
        return lines == 0 ? 1024 : (long)(fileLength / ((double)sample.Length / lines) * 1.05);
    }

    internal static readonly bool Trace = Environment.GetEnvironmentVariable("CA_PARSE_TRACE") == "1";

    /// <summary>Records a row typically makes (a pension row up to three, usually two); more go to overflow blocks.</summary>
    private static int RecordsPerRow(FeedKind feed) => feed switch
    {
        FeedKind.SocialInsurance or FeedKind.HousingFund => 2,
        _ => 1,
    };

    /// <summary>
    /// Joins the workers' output: strings interleaved by worker (a record's text index is local × workers + worker),
    /// errors in line order with their file line numbers, and (for a table) the records sorted once and de-duplicated.
    /// </summary>
    private static ParsedFeed Merge(FeedKind feed, RowParser[] parsers, long[] firstLines, Encoding encoding, SharedRecords? shared)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var workers = parsers.Length;
        var maxLocal = parsers.Max(p => p.Texts.Count);
        var textArray = new string[maxLocal * workers];
        Array.Fill(textArray, "");
        for (var w = 0; w < workers; w++)
            for (var i = 0; i < parsers[w].Texts.Count; i++) textArray[i * workers + w] = parsers[w].Texts[i];
        FeedRecord[] unique = [];
        long duplicates = 0;
        if (shared is not null)
        {
            foreach (var p in parsers) p.Finish();
            var (records, length) = shared.Take();
            if (Trace) Console.WriteLine($"  [{feed}] shared {shared.Capacity:N0} slots, used {length:N0}, overflow blocks {shared.OverflowBlocks}");
            var merged = sw.Elapsed.TotalMilliseconds;
            unique = Sorting.SortLsdAndRemoveDuplicates(records, length, textArray, out duplicates);
            if (Trace) Console.WriteLine($"  [{feed}] merge {merged:N0} ms, sort+dedupe {sw.Elapsed.TotalMilliseconds - merged:N0} ms");
        }
        var errors = parsers.SelectMany(p => p.Errors)
            .Select(e => new FeedRowError(firstLines[e.Segment] + e.Line, e.Message, e.IdNumber))
            .OrderBy(e => e.Line).Take(MaxReportedErrors).ToList();
        var errorCount = parsers.Sum(p => p.ErrorCount) + duplicates;
        if (duplicates > 0 && errors.Count < MaxReportedErrors) errors.Add(new FeedRowError(0, $"有 {duplicates} 行与其他行完全重复，已只保留一行"));
        return new ParsedFeed
        {
            Feed = feed, Records = unique, Texts = textArray, RowCount = parsers.Sum(p => p.RowCount), ErrorCount = errorCount,
            Errors = errors, Encoding = encoding.WebName, RecordCount = shared is not null ? unique.Length : parsers.Sum(p => p.Added),
        };
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> s) => s.Length > 0 && s[^1] == (byte)'\r' ? s[..^1] : s;

    /// <summary>UTF-8 when the bytes are valid UTF-8 (a BOM is skipped), otherwise GB18030.</summary>
    public static Encoding DetectEncoding(ref ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("\uFEFF"u8))
        {
            data = data[3..];
            return new UTF8Encoding(false);
        }
        if (System.Text.Unicode.Utf8.IsValid(data)) return new UTF8Encoding(false);
        return Gb18030;
    }

    /// <summary>Per-file parsing state. Not thread-safe; files are parsed in parallel, one parser each.</summary>
    /// <summary>
    /// The records of a table parse: one array sized from the file, handed out to the workers in blocks (so the
    /// workers' output needs no copying into one array before the sort); a block's unused tail is cleared (key 0)
    /// and the sort drops it. Should the estimate fall short, further blocks are separate arrays joined at the end.
    /// </summary>
    private sealed class SharedRecords(long estimate)
    {
        public const int BlockRecords = 16_384;
        private readonly FeedRecord[] _array = GC.AllocateUninitializedArray<FeedRecord>((int)Math.Min(Math.Max(estimate, BlockRecords), int.MaxValue / 32));
        private long _next;
        private readonly List<(FeedRecord[] Block, int Used)> _overflow = [];

        /// <summary>A block to fill: in the shared array while it lasts, otherwise a new array.</summary>
        public (FeedRecord[] Array, int Start, bool Shared) Reserve()
        {
            var at = Interlocked.Add(ref _next, BlockRecords) - BlockRecords;
            return at + BlockRecords <= _array.Length ? (_array, (int)at, true) : (new FeedRecord[BlockRecords], 0, false);
        }

        public int Capacity => _array.Length;
        public int OverflowBlocks => _overflow.Count;

        public void Overflowed(FeedRecord[] block, int used)
        {
            lock (_overflow) _overflow.Add((block, used));
        }

        /// <summary>All records (with zero gaps): the shared array, or — rarely — one array with the overflow blocks appended.</summary>
        public (FeedRecord[] Records, int Length) Take()
        {
            var used = (int)Math.Min(Interlocked.Read(ref _next), _array.Length / BlockRecords * BlockRecords);
            if (_overflow.Count == 0) return (_array, used);
            var all = new FeedRecord[used + _overflow.Sum(o => (long)o.Used)];
            _array.AsSpan(0, used).CopyTo(all);
            var at = used;
            foreach (var (block, n) in _overflow)
            {
                block.AsSpan(0, n).CopyTo(all.AsSpan(at));
                at += n;
            }
            return (all, at);
        }
    }

    /// <summary>Per-file parsing state of one worker. Not thread-safe; each worker has its own.</summary>
    private sealed class RowParser(FeedKind feed, Encoding encoding, DateOnly today, int worker, int workers, PartitionWriter? partitions, SharedRecords? shared)
    {
        private readonly List<string> _texts = [];
        private readonly List<PendingError> _errors = [];
        private FeedRecord[] _block = [];
        private int _position;
        private int _end;
        private int _segment;

        public List<string> Texts => _texts;
        public List<PendingError> Errors => _errors;
        public long RowCount => _rows;
        public long ErrorCount => _errorCount;
        public long Added => _added;
        private long _added;

        private bool _blockIsShared = true;

        /// <summary>Hands back the last overflow block, or clears the unused tail of the last shared block (key 0: dropped by the sort).</summary>
        public void Finish()
        {
            if (!_blockIsShared && _position > 0) shared!.Overflowed(_block, _position);
            else if (_blockIsShared && _position < _end) _block.AsSpan(_position, _end - _position).Clear();
            _block = [];
            _position = _end = 0;
            _blockIsShared = true;
        }

        /// <summary>
        /// Parses the complete lines of one segment; the last line of the file may lack its line end
        /// (<paramref name="endOfFile"/>). Returns the number of lines (line numbers are segment-relative until the merge).
        /// </summary>
        public int ParseLines(ReadOnlySpan<byte> data, int segment, bool endOfFile)
        {
            _segment = segment;
            // the encoding was judged from the first 8 MB; every later segment must agree (a fast vectorised check)
            if (_utf8 && segment > 0 && !System.Text.Unicode.Utf8.IsValid(data)) throw new NotUtf8Exception();
            var line = 0;
            while (!data.IsEmpty)
            {
                var end = data.IndexOf((byte)'\n');
                ReadOnlySpan<byte> row;
                var complete = end >= 0 || !endOfFile;
                if (end >= 0)
                {
                    row = data[..end];
                    data = data[(end + 1)..];
                }
                else
                {
                    row = data;
                    data = default;
                }
                row = TrimCr(row);
                if (!row.IsEmpty) ParseRow(row, line, complete);
                line++;
            }
            return line;
        }
        private readonly int _todayDate = today.Year * 10000 + today.Month * 100 + today.Day;
        private int[] _map = [];
        private int _fieldCount;
        private long _rows;
        private long _errorCount;
        private readonly Range[] _fields = new Range[32];

        public void ReadHeader(ReadOnlySpan<byte> header)
        {
            var names = encoding.GetString(header).Split(',').Select(h => h.Trim().Trim('"').Trim()).ToList();
            var expected = FeedSchema.Columns(feed);
            var missing = expected.Where(c => !names.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            var unknown = names.Where(n => !expected.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
            if (missing.Count > 0 || unknown.Count > 0)
            {
                var parts = new List<string>();
                if (missing.Count > 0) parts.Add("缺少列：" + string.Join("、", missing));
                if (unknown.Count > 0) parts.Add("未知列：" + string.Join("、", unknown));
                throw new FeedFormatException($"{FeedSchema.DisplayName(feed)}文件的表头不正确（{string.Join("；", parts)}）。应为：{string.Join(",", expected)}");
            }
            _map = expected.Select(c => names.FindIndex(n => string.Equals(n, c, StringComparison.OrdinalIgnoreCase))).ToArray();
            _fieldCount = names.Count;
            _schemaOrder = _map.Select((m, i) => m == i).All(x => x) && _fieldCount == expected.Count;
        }

        private bool _schemaOrder;

        public void ParseRow(ReadOnlySpan<byte> row, long line, bool complete)
        {
            _rows++;
            // The three big feeds in the documented column order and without quotes take a fused path; anything
            // unusual (an error, a quote, another spelling) falls through to the general path, which reports it.
            var quoted = row.IndexOf((byte)'"') >= 0;
            if (_schemaOrder && complete && !quoted && feed switch
                {
                    FeedKind.Tax => FastTax(row),
                    FeedKind.SocialInsurance => FastPension(row),
                    FeedKind.HouseholdRegistration => FastRegistration(row),
                    _ => false,
                })
                return;
            var count = quoted ? Split(row, _fields) : SplitUnquoted(row, _fields);
            if (count != _fieldCount)
            {
                Error(line, complete ? $"字段数为 {count}，应为 {_fieldCount}" : "最后一行不完整（文件可能被截断）");
                return;
            }
            var id = Field(row, 0);
            var key = PersonKey.Pack(id);
            if (key == 0)
            {
                Error(line, id.Length == 18 ? "身份证号码校验位错误" : "身份证号码格式不正确", encoding.GetString(id));
                return;
            }
            string? error = feed switch
            {
                FeedKind.HouseholdRegistration => Registration(key, Field(row, 1), Field(row, 2), Field(row, 3)),
                FeedKind.Tax => Tax(key, Field(row, 1), Field(row, 2), Field(row, 3)),
                FeedKind.SocialInsurance => Pension(key, Field(row, 1), Field(row, 2), Field(row, 3), Field(row, 4)),
                FeedKind.HousingFund => Fund(key, Field(row, 1), Field(row, 2), Field(row, 3)),
                FeedKind.RealEstate => Property(key, Field(row, 1), Field(row, 2), Field(row, 3), Field(row, 4)),
                FeedKind.Vehicles => Vehicle(key, Field(row, 1), Field(row, 2), Field(row, 3), Field(row, 4), Field(row, 5)),
                FeedKind.MarketEntities => Business(key, Field(row, 1), Field(row, 2), Field(row, 3), Field(row, 4)),
                FeedKind.BankDeposits or FeedKind.Securities or FeedKind.CommercialInsurance => Balance(key, Field(row, 1), Field(row, 2), Field(row, 3)),
                _ => Utilities(key, Field(row, 1), Field(row, 2)),
            };
            if (error is not null) Error(line, error, PersonKey.Unpack(key));
        }

        private bool FastTax(ReadOnlySpan<byte> row)
        {
            // 18-digit id , yyyy-MM , type , amount
            if (row.Length < 30 || row[18] != (byte)',' || row[26] != (byte)',') return false;
            var key = PersonKey.Pack(row[..18]);
            if (key == 0 || !TryMonth(row.Slice(19, 7), out var date) || date > _todayDate) return false;
            var rest = row[27..];
            var comma = rest.IndexOf((byte)',');
            if (comma <= 0) return false;
            var type = rest[..comma];
            var amount = rest[(comma + 1)..];
            var code = type.SequenceEqual("wage"u8) ? FeedCodes.Wage : Code(type, IncomeTypes);
            if (code == 0 || amount.IndexOf((byte)',') >= 0 || Money(amount, "", out var fen) is not null) return false;
            Add(new FeedRecord(key, feed, code, fen, date));
            return true;
        }

        private bool FastPension(ReadOnlySpan<byte> row)
        {
            if (row.Length < 32 || row[18] != (byte)',' || row[26] != (byte)',') return false;
            var key = PersonKey.Pack(row[..18]);
            if (key == 0 || !TryMonth(row.Slice(19, 7), out var date) || date > _todayDate) return false;
            var rest = row[27..];
            var c1 = rest.IndexOf((byte)',');
            if (c1 < 0) return false;
            var pension = rest[..c1];
            rest = rest[(c1 + 1)..];
            var c2 = rest.IndexOf((byte)',');
            if (c2 < 0) return false;
            var central = rest[..c2];
            var contribution = rest[(c2 + 1)..];
            if (contribution.IndexOf((byte)',') >= 0) return false;
            if (Money(pension, "", out var p) is not null || Money(central, "", out var c, required: false) is not null
                || Money(contribution, "", out var b, required: false) is not null || c > p) return false;
            if (p - c > 0) Add(new FeedRecord(key, feed, FeedCodes.PensionCounted, p - c, date));
            if (c > 0) Add(new FeedRecord(key, feed, FeedCodes.PensionCentralBase, c, date));
            if (b > 0) Add(new FeedRecord(key, feed, FeedCodes.ContributionBase, b, date));
            return true;
        }

        private bool FastRegistration(ReadOnlySpan<byte> row)
        {
            // id , name , status , event_date — the name is not kept
            if (row.Length < 27 || row[18] != (byte)',') return false;
            var key = PersonKey.Pack(row[..18]);
            if (key == 0) return false;
            var rest = row[19..];
            var c1 = rest.IndexOf((byte)',');
            if (c1 < 0) return false;
            rest = rest[(c1 + 1)..];
            var c2 = rest.IndexOf((byte)',');
            if (c2 < 0) return false;
            var status = rest[..c2];
            var eventDate = rest[(c2 + 1)..];
            if (eventDate.IndexOf((byte)',') >= 0) return false;
            var code = status.SequenceEqual("normal"u8) ? FeedCodes.Normal : Code(status, RegistrationStatuses);
            if (code == 0) return false;
            var date = 0;
            if (!eventDate.IsEmpty && (!TryDate(eventDate, out date) || date > _todayDate)) return false;
            if (code == FeedCodes.Deceased && date == 0) return false;
            Add(new FeedRecord(key, feed, code, 0, date));
            return true;
        }

        private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> row, int column) => Unquote(row[_fields[_map[column]]]);

        private string? Registration(ulong key, ReadOnlySpan<byte> name, ReadOnlySpan<byte> status, ReadOnlySpan<byte> eventDate)
        {
            var code = Code(status, RegistrationStatuses);
            if (code == 0) return "状态应为 normal / deceased / moved_out";
            var date = 0;
            if (!eventDate.IsEmpty && !TryDate(eventDate, out date)) return "日期格式不正确（应为 yyyy-MM-dd）";
            if (date > _todayDate) return "日期晚于今天";
            if (code == FeedCodes.Deceased && date == 0) return "死亡记录须有日期";
            _ = name; // the registry has the names; keeping 2.6 million of them here would cost memory and time for nothing
            Add(new FeedRecord(key, feed, code, 0, date));
            return null;
        }

        private string? Tax(ulong key, ReadOnlySpan<byte> month, ReadOnlySpan<byte> type, ReadOnlySpan<byte> amount)
        {
            if (!TryMonth(month, out var date)) return "月份格式不正确（应为 yyyy-MM）";
            if (date > _todayDate) return "月份晚于本月";
            var code = Code(type, IncomeTypes);
            if (code == 0) return "收入类型应为 wage / labour / business / property / interest / other";
            if (Money(amount, "金额", out var fen) is { } e) return e;
            Add(new FeedRecord(key, feed, code, fen, date));
            return null;
        }

        private string? Pension(ulong key, ReadOnlySpan<byte> month, ReadOnlySpan<byte> pension, ReadOnlySpan<byte> central, ReadOnlySpan<byte> contribution)
        {
            if (!TryMonth(month, out var date)) return "月份格式不正确（应为 yyyy-MM）";
            if (date > _todayDate) return "月份晚于本月";
            if (Money(pension, "养老金", out var p) is { } e1) return e1;
            if (Money(central, "基础养老金中央补助部分", out var c, required: false) is { } e2) return e2;
            if (Money(contribution, "缴费基数", out var b, required: false) is { } e3) return e3;
            if (c > p) return "基础养老金中央补助部分大于养老金总额";
            if (p - c > 0) Add(new FeedRecord(key, feed, FeedCodes.PensionCounted, p - c, date));
            if (c > 0) Add(new FeedRecord(key, feed, FeedCodes.PensionCentralBase, c, date));
            if (b > 0) Add(new FeedRecord(key, feed, FeedCodes.ContributionBase, b, date));
            return null;
        }

        private string? Fund(ulong key, ReadOnlySpan<byte> month, ReadOnlySpan<byte> depositBase, ReadOnlySpan<byte> balance)
        {
            if (!TryMonth(month, out var date)) return "月份格式不正确（应为 yyyy-MM）";
            if (date > _todayDate) return "月份晚于本月";
            if (Money(depositBase, "缴存基数", out var d, required: false) is { } e1) return e1;
            if (Money(balance, "余额", out var b) is { } e2) return e2;
            if (d > 0) Add(new FeedRecord(key, feed, FeedCodes.FundDepositBase, d, date));
            Add(new FeedRecord(key, feed, FeedCodes.FundBalance, b, date));
            return null;
        }

        private string? Property(ulong key, ReadOnlySpan<byte> id, ReadOnlySpan<byte> use, ReadOnlySpan<byte> area, ReadOnlySpan<byte> registered)
        {
            var code = Code(use, PropertyUses);
            if (code == 0) return "用途应为 residential / commercial / industrial / other";
            if (Money(area, "面积", out var centiSquareMetres) is { } e) return e;
            var date = 0;
            if (!registered.IsEmpty && !TryDate(registered, out date)) return "登记日期格式不正确";
            if (date > _todayDate) return "登记日期晚于今天";
            Add(new FeedRecord(key, feed, code, centiSquareMetres, date, Text(id)));
            return null;
        }

        private string? Vehicle(ulong key, ReadOnlySpan<byte> plate, ReadOnlySpan<byte> type, ReadOnlySpan<byte> price, ReadOnlySpan<byte> disability, ReadOnlySpan<byte> registered)
        {
            if (Money(price, "购置价格", out var fen, required: false) is { } e) return e;
            var flag = Code(disability, YesNo);
            if (flag == 0) return "残疾人专用车标志应为 Y 或 N";
            var date = 0;
            if (!registered.IsEmpty && !TryDate(registered, out date)) return "登记日期格式不正确";
            if (date > _todayDate) return "登记日期晚于今天";
            var text = encoding.GetString(plate) + " " + encoding.GetString(type);
            Add(new FeedRecord(key, feed, flag == 2 ? FeedCodes.DisabilityVehicle : FeedCodes.OrdinaryVehicle, fen, date, AddText(text)));
            return null;
        }

        private string? Business(ulong key, ReadOnlySpan<byte> name, ReadOnlySpan<byte> capital, ReadOnlySpan<byte> status, ReadOnlySpan<byte> registered)
        {
            if (Money(capital, "注册资本", out var fen, required: false) is { } e) return e;
            var code = Code(status, EntityStatuses);
            if (code == 0) return "状态应为 active / cancelled";
            var date = 0;
            if (!registered.IsEmpty && !TryDate(registered, out date)) return "登记日期格式不正确";
            if (date > _todayDate) return "登记日期晚于今天";
            Add(new FeedRecord(key, feed, code, fen, date, Text(name)));
            return null;
        }

        private string? Balance(ulong key, ReadOnlySpan<byte> label, ReadOnlySpan<byte> amount, ReadOnlySpan<byte> asOf)
        {
            if (Money(amount, "金额", out var fen) is { } e) return e;
            if (!TryDate(asOf, out var date)) return "截止日期格式不正确（应为 yyyy-MM-dd）";
            if (date > _todayDate) return "截止日期晚于今天";
            Add(new FeedRecord(key, feed, FeedCodes.Single, fen, date, Text(label)));
            return null;
        }

        private string? Utilities(ulong key, ReadOnlySpan<byte> month, ReadOnlySpan<byte> amount)
        {
            if (!TryMonth(month, out var date)) return "月份格式不正确（应为 yyyy-MM）";
            if (date > _todayDate) return "月份晚于本月";
            if (Money(amount, "金额", out var fen) is { } e) return e;
            Add(new FeedRecord(key, feed, FeedCodes.Single, fen, date));
            return null;
        }

        private static readonly Options RegistrationStatuses = new(["normal", "正常"], ["deceased", "死亡"], ["moved_out", "迁出"]);
        private static readonly Options IncomeTypes = new(["wage", "工资薪金"], ["labour", "劳务报酬"], ["business", "经营所得"], ["property", "财产租赁"], ["interest", "利息股息红利"], ["other", "其他"]);
        private static readonly Options PropertyUses = new(["residential", "住宅"], ["commercial", "商业"], ["industrial", "工业"], ["other", "其他"]);
        private static readonly Options YesNo = new(["n", "no", "false", "0", "否"], ["y", "yes", "true", "1", "是"]);
        private static readonly Options EntityStatuses = new(["active", "存续", "在业"], ["cancelled", "注销", "吊销"]);

        private void Add(in FeedRecord r)
        {
            _added++;
            if (partitions is not null)
            {
                partitions.Add(r);
                return;
            }
            if (_position == _end)
            {
                if (!_blockIsShared) shared!.Overflowed(_block, _position);
                var (array, start, isShared) = shared!.Reserve();
                _blockIsShared = isShared;
                _block = array;
                _position = start;
                _end = start + SharedRecords.BlockRecords;
            }
            _block[_position++] = r;
        }

        private int Text(ReadOnlySpan<byte> s)
        {
            s = s.Trim((byte)' ');
            if (s.Length <= 64 && _interned.Count < MaxInterned)
            {
                // columns with few distinct values (bank names) keep one string each; unique ones soon stop being looked up
                Span<char> chars = stackalloc char[encoding.GetMaxCharCount(s.Length)];
                var n = encoding.GetChars(s, chars);
                if (_internedLookup.TryGetValue(chars[..n], out var known)) return known;
                var text = new string(chars[..n]).Trim();
                var index = AddText(text);
                _interned[text] = index;
                return index;
            }
            return AddText(encoding.GetString(s).Trim());
        }

        private const int MaxInterned = 4096;
        private readonly Dictionary<string, int> _interned = new(StringComparer.Ordinal);
        private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _internedLookup => _interned.GetAlternateLookup<ReadOnlySpan<char>>();

        private int AddText(string s)
        {
            if ((long)(_texts.Count + 1) * workers >= FeedRecord.NoText) return FeedRecord.NoText;
            _texts.Add(s);
            return (_texts.Count - 1) * workers + worker;
        }

        private void Error(long line, string message, string? id = null)
        {
            _errorCount++;
            if (_errors.Count < MaxReportedErrors) _errors.Add(new PendingError(_segment, line, message, id));
        }

        /// <summary>The 1-based index of the option group the value names (ASCII case-insensitive), or 0.</summary>
        private int Code(ReadOnlySpan<byte> value, Options options)
        {
            value = value.Trim((byte)' ');
            if (_utf8)
            {
                for (var i = 0; i < options.Utf8.Length; i++)
                    foreach (var alias in options.Utf8[i])
                        if (System.Text.Ascii.EqualsIgnoreCase(value, alias) || value.SequenceEqual(alias)) return i + 1;
                return 0;
            }
            var text = encoding.GetString(value).Trim().ToLowerInvariant();
            for (var i = 0; i < options.Text.Length; i++)
                if (options.Text[i].Contains(text)) return i + 1;
            return 0;
        }

        private readonly bool _utf8 = encoding is UTF8Encoding;
    }

    /// <summary>A refused row before the merge: its line within its segment.</summary>
    private readonly record struct PendingError(int Segment, long Line, string Message, string? IdNumber);

    /// <summary>Accepted spellings of a coded column, pre-encoded as UTF-8 for the byte-level comparison.</summary>
    private sealed class Options
    {
        public Options(params string[][] groups)
        {
            Text = groups;
            Utf8 = groups.Select(g => g.Select(a => Encoding.UTF8.GetBytes(a)).ToArray()).ToArray();
        }

        public string[][] Text { get; }
        public byte[][][] Utf8 { get; }
    }

    /// <summary>Splits on commas, honouring double-quoted fields; returns the field count (ranges beyond the array are dropped).</summary>
    internal static int Split(ReadOnlySpan<byte> row, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        var quoted = false;
        for (var i = 0; i < row.Length; i++)
        {
            var c = row[i];
            if (c == (byte)'"') quoted = !quoted; // "" inside a quoted field toggles twice: no effect
            else if (c == (byte)',' && !quoted)
            {
                if (count < fields.Length) fields[count] = new Range(start, i);
                count++;
                start = i + 1;
            }
        }
        if (count < fields.Length) fields[count] = new Range(start, row.Length);
        return count + 1;
    }

    /// <summary>The same for a row without quotes: one vectorised search per field.</summary>
    internal static int SplitUnquoted(ReadOnlySpan<byte> row, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var comma = row[start..].IndexOf((byte)',');
            var end = comma < 0 ? row.Length : start + comma;
            if (count < fields.Length) fields[count] = new Range(start, end);
            count++;
            if (comma < 0) return count;
            start = end + 1;
        }
    }

    internal static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> f)
    {
        f = f.Trim((byte)' ');
        return f.Length >= 2 && f[0] == (byte)'"' && f[^1] == (byte)'"' ? f[1..^1] : f;
    }

    /// <summary>Yuan with up to two decimals ("1234", "1234.5", "1234.56") to fen; negative amounts are refused.</summary>
    internal static string? Money(ReadOnlySpan<byte> s, string label, out long fen, bool required = true)
    {
        fen = 0;
        if (s.IsEmpty) return required ? $"{label}不能为空" : null;
        if (s[0] == (byte)'-') return $"{label}不能为负数";
        long whole = 0;
        var i = 0;
        for (; i < s.Length && s[i] != (byte)'.'; i++)
        {
            var d = s[i] - (byte)'0';
            if ((uint)d > 9 || whole > 10_000_000_000_000) return $"{label}“{Encoding.UTF8.GetString(s)}”不是有效金额";
            whole = whole * 10 + d;
        }
        long cents = 0;
        if (i < s.Length)
        {
            var decimals = s.Length - i - 1;
            if (decimals is < 1 or > 2) return $"{label}“{Encoding.UTF8.GetString(s)}”不是有效金额（最多两位小数）";
            for (var j = i + 1; j < s.Length; j++)
            {
                var d = s[j] - (byte)'0';
                if ((uint)d > 9) return $"{label}“{Encoding.UTF8.GetString(s)}”不是有效金额";
                cents = cents * 10 + d;
            }
            if (decimals == 1) cents *= 10;
        }
        fen = whole * 100 + cents;
        return null;
    }

    /// <summary>yyyy-MM-dd or yyyyMMdd to yyyymmdd, checking the calendar.</summary>
    internal static bool TryDate(ReadOnlySpan<byte> s, out int date)
    {
        date = 0;
        int y, m, d;
        if (s.Length == 10 && s[4] == (byte)'-' && s[7] == (byte)'-')
        {
            if (!Digits(s[..4], out y) || !Digits(s[5..7], out m) || !Digits(s[8..10], out d)) return false;
        }
        else if (s.Length == 8)
        {
            if (!Digits(s[..4], out y) || !Digits(s[4..6], out m) || !Digits(s[6..8], out d)) return false;
        }
        else return false;
        if (y < 1900 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = y * 10000 + m * 100 + d;
        return true;
    }

    /// <summary>yyyy-MM or yyyyMM to yyyymm01.</summary>
    internal static bool TryMonth(ReadOnlySpan<byte> s, out int date)
    {
        date = 0;
        int y, m;
        if (s.Length == 7 && s[4] == (byte)'-') { if (!Digits(s[..4], out y) || !Digits(s[5..7], out m)) return false; }
        else if (s.Length == 6) { if (!Digits(s[..4], out y) || !Digits(s[4..6], out m)) return false; }
        else return false;
        if (y < 1900 || m is < 1 or > 12) return false;
        date = y * 10000 + m * 100 + 1;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            var d = b - (byte)'0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }
}
