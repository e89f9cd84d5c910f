using System.Text;
using CivilAffairs.Verification;
using CivilAffairs.Verification.Feeds;

namespace CivilAffairs.Tests.Verification;

public sealed class FeedParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);
    private const string A = "11010519491231002X";
    private const string B = "440524188001010014";

    private static ParsedFeed Parse(FeedKind feed, string csv, Encoding? encoding = null) =>
        FeedParser.Parse(feed, (encoding ?? Encoding.UTF8).GetBytes(csv), Today);

    [Fact]
    public void Packed_keys_round_trip_and_keep_the_order_of_id_numbers()
    {
        var a = PersonKey.Pack(A);
        var b = PersonKey.Pack(B);
        Assert.Equal(A, PersonKey.Unpack(a));
        Assert.Equal(B, PersonKey.Unpack(b));
        Assert.True(a < b == string.CompareOrdinal(A, B) < 0);
        Assert.Equal(0UL, PersonKey.Pack("11010519491231002Y"));
        Assert.Equal(0UL, PersonKey.Pack("110105194912310021"));
        Assert.Equal(PersonKey.Pack(A), PersonKey.Pack(Encoding.ASCII.GetBytes(A)));
        Assert.Equal(19491231, PersonKey.BirthDate(a));
    }

    [Fact]
    public void The_byte_packer_agrees_with_the_character_packer_on_valid_and_broken_numbers()
    {
        var random = new Random(3);
        const string checks = "10X98765432";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        for (var i = 0; i < 20_000; i++)
        {
            var digits = new char[17];
            for (var d = 0; d < 17; d++) digits[d] = (char)('0' + random.Next(10));
            var sum = 0;
            for (var d = 0; d < 17; d++) sum += (digits[d] - '0') * weights[d];
            var id = new string(digits) + checks[sum % 11];
            // every third one broken: a digit replaced by a neighbour of '0'..'9', or the check character changed
            if (i % 3 == 1) id = id.Remove(random.Next(17), 1).Insert(random.Next(17), ((char)"/:A 9"[random.Next(5)]).ToString());
            if (i % 3 == 2) id = id[..17] + checks[(sum + 1 + random.Next(10)) % 11];
            var bytes = Encoding.ASCII.GetBytes(id);
            Assert.Equal(PersonKey.Pack(id), PersonKey.Pack(bytes));
            if (i % 3 == 0)
            {
                Assert.NotEqual(0UL, PersonKey.Pack(bytes));
                Assert.Equal(id, PersonKey.Unpack(PersonKey.Pack(bytes)));
            }
        }
        Assert.Equal(PersonKey.Pack("11010519491231002X"), PersonKey.Pack("11010519491231002x"u8));
    }

    [Fact]
    public void Good_rows_are_kept_and_each_bad_row_is_reported_with_its_line()
    {
        var csv = $"""
            id_number,month,income_type,amount
            {A},2026-05,wage,3200.50
            110105194912310021,2026-05,wage,100
            {B},2026-05,wage,-5
            {B},2026-13,wage,5
            {B},2027-01,wage,5
            {B},2026-06,salary,5
            {B},2026-06,wage,12.345
            {B},2026-06,wage,1800
            """;
        var parsed = Parse(FeedKind.Tax, csv);
        Assert.Equal(8, parsed.RowCount);
        Assert.Equal(2, parsed.Records.Length);
        Assert.Equal(6, parsed.ErrorCount);
        Assert.Collection(parsed.Errors,
            e => { Assert.Equal(3, e.Line); Assert.Contains("校验位", e.Message); },
            e => { Assert.Equal(4, e.Line); Assert.Contains("负数", e.Message); },
            e => { Assert.Equal(5, e.Line); Assert.Contains("月份格式", e.Message); },
            e => { Assert.Equal(6, e.Line); Assert.Contains("晚于", e.Message); },
            e => { Assert.Equal(7, e.Line); Assert.Contains("收入类型", e.Message); },
            e => { Assert.Equal(8, e.Line); Assert.Contains("两位小数", e.Message); });
        var a = parsed.Records.Single(r => r.Key == PersonKey.Pack(A));
        Assert.Equal(320050, a.Amount);
        Assert.Equal(20260501, a.Date);
        Assert.Equal(FeedCodes.Wage, a.Code);
    }

    [Fact]
    public void A_wrong_header_refuses_the_file()
    {
        var e = Assert.Throws<FeedFormatException>(() => Parse(FeedKind.Tax, "id_number,month,kind,amount,extra\n" + A + ",2026-05,wage,1,2\n"));
        Assert.Contains("缺少列：income_type", e.Message);
        Assert.Contains("未知列：kind、extra", e.Message);
    }

    [Fact]
    public void Gb18030_files_are_read_like_utf8()
    {
        var csv = $"id_number,bank,balance,as_of\n{A},黄石农商行,1000.00,2026-10-31\n";
        var utf8 = Parse(FeedKind.BankDeposits, csv);
        var gb = Parse(FeedKind.BankDeposits, csv, FeedParser.Gb18030);
        Assert.Equal("utf-8", utf8.Encoding);
        Assert.Equal("gb18030", gb.Encoding);
        Assert.Equal("黄石农商行", gb.Texts[gb.Records[0].Text]);
        Assert.Equal(utf8.Records[0].Amount, gb.Records[0].Amount);
        var bom = FeedParser.Parse(FeedKind.BankDeposits, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], Today);
        Assert.Single(bom.Records);
    }

    [Fact]
    public void A_truncated_last_line_is_reported_and_the_rest_kept()
    {
        var parsed = Parse(FeedKind.Tax, $"id_number,month,income_type,amount\n{A},2026-05,wage,100\n{B},2026-05,wa");
        Assert.Single(parsed.Records);
        Assert.Contains("不完整", parsed.Errors.Single().Message);
    }

    [Fact]
    public void Duplicate_rows_are_kept_once_and_reported()
    {
        var parsed = Parse(FeedKind.BankDeposits, $"id_number,bank,balance,as_of\n{A},工商银行,10.00,2026-10-31\n{A},工商银行,10.00,2026-10-31\n{A},农业银行,10.00,2026-10-31\n");
        Assert.Equal(2, parsed.Records.Length);
        Assert.Equal(1, parsed.ErrorCount);
        Assert.Contains("重复", parsed.Errors.Single().Message);
    }

    [Fact]
    public void A_repeated_row_is_found_even_with_another_row_between_and_an_empty_amount_is_an_error()
    {
        var parsed = Parse(FeedKind.RealEstate, $"id_number,property_id,use,area_m2,registered_on\n{A},HS1,residential,80.00,2010-01-01\n{A},HS2,residential,80.00,2010-01-01\n{A},HS1,residential,80.00,2010-01-01\n");
        Assert.Equal(2, parsed.Records.Length);
        Assert.Equal(1, parsed.ErrorCount);
        var blank = Parse(FeedKind.BankDeposits, $"id_number,bank,balance,as_of\n{A},工商银行,,2026-10-31\n");
        Assert.Empty(blank.Records);
        Assert.Contains("不能为空", blank.Errors.Single().Message);
    }

    [Theory]
    [InlineData(FeedKind.Tax)]
    [InlineData(FeedKind.SocialInsurance)]
    [InlineData(FeedKind.HouseholdRegistration)]
    public void The_fast_path_for_big_feeds_gives_what_the_general_path_gives(FeedKind feed)
    {
        // Generated rows in the documented order take the fused path; the same rows with the columns reversed take the
        // general one. Both must produce the same records, row count and errors.
        var dir = Path.Combine(Path.GetTempPath(), $"ca-fast-{Guid.NewGuid():N}");
        try
        {
            new CivilAffairs.Verification.Synthetic.FeedGenerator(300, seed: 5, asOf: Today).WriteAll(dir);
            var lines = File.ReadAllLines(Path.Combine(dir, FeedSchema.FileName(feed))).ToList();
            lines.Add(lines[1][..17] + "0" + lines[1][18..]); // a bad check character somewhere
            var fast = Parse(feed, string.Join("\n", lines) + "\n");
            var reversed = string.Join("\n", lines.Select(l => string.Join(',', l.Split(',').Reverse()))) + "\n";
            var general = Parse(feed, reversed);
            Assert.True(fast.Records.Length > 100);
            Assert.Equal(general.Records, fast.Records);
            Assert.Equal(general.RowCount, fast.RowCount);
            Assert.Equal(general.ErrorCount, fast.ErrorCount);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1000)]
    public void Parsing_in_small_segments_gives_what_one_segment_gives(int segmentBytes)
    {
        // Segments smaller than a line, a line spanning many segments, CRLF and LF, blank lines, quotes, errors on
        // both sides of segment ends, and a truncated last line: the same records, strings, errors and line numbers.
        var rows = new StringBuilder("id_number,bank,balance,as_of\r\n");
        for (var i = 0; i < 60; i++)
        {
            var bank = i % 7 == 0 ? $"\"银行,{new string('长', 200)}\"" : $"银行{i % 5}";
            rows.Append(i % 9 == 4 ? $"{A},{bank},-1,2026-10-31" : i % 11 == 3 ? $"{B},{bank},1.234,2026-10-31" : $"{(i % 2 == 0 ? A : B)},{bank},{i}.5,2026-10-{i % 28 + 1:00}");
            rows.Append(i % 3 == 0 ? "\r\n" : "\n");
            if (i % 13 == 0) rows.Append('\n');
        }
        rows.Append($"{A},工商银行,1");
        var bytes = Encoding.UTF8.GetBytes(rows.ToString());
        var whole = Parse(FeedKind.BankDeposits, rows.ToString());
        var parts = FeedParser.Parse(FeedKind.BankDeposits, new ByteSource.Memory(bytes), Today, null, default, segmentBytes);
        Assert.True(whole.Records.Length > 30);
        Assert.True(whole.ErrorCount > 5);
        Assert.Equal(whole.RowCount, parts.RowCount);
        Assert.Equal(whole.ErrorCount, parts.ErrorCount);
        Assert.Equal(whole.Errors, parts.Errors);
        Assert.Equal(whole.Records.Select(r => (r.Key, r.Amount, r.Date, r.Code, whole.Texts[r.Text])),
            parts.Records.Select(r => (r.Key, r.Amount, r.Date, r.Code, parts.Texts[r.Text])));
        Assert.Contains(parts.Errors, e => e.Message.Contains("不完整") && e.Line == 1 + 60 + 5 + 1);
    }

    [Fact]
    public void A_parse_cancelled_midway_stops_at_the_next_segment()
    {
        var csv = "id_number,month,income_type,amount\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"{A},2026-05,wage,{i}.00\n"));
        var bytes = Encoding.UTF8.GetBytes(csv);
        var segments = (bytes.Length + 255) / 256;
        using var cancel = new CancellationTokenSource();
        var done = 0;
        var reported = new List<long>();
        Assert.ThrowsAny<OperationCanceledException>(() => FeedParser.Parse(FeedKind.Tax, new ByteSource.Memory(bytes), Today, b =>
        {
            reported.Add(b); // called under the reader's lock, in increasing order
            if (Interlocked.Increment(ref done) == 3) cancel.Cancel();
        }, cancel.Token, 256));
        Assert.Equal(reported.Order(), reported);
        Assert.InRange(done, 3, 3 + Environment.ProcessorCount); // the workers stop after the segment they were on
        Assert.True(segments > 100);
    }

    [Fact]
    public void An_overlong_line_after_the_first_segment_refuses_the_file_with_its_own_error()
    {
        var csv = new StringBuilder("id_number,bank,balance,as_of\n");
        while (csv.Length < 3 << 20) csv.Append($"{A},工商银行,1.00,2026-10-31\n");
        csv.Append($"{A},{new string('x', 9 << 20)},1.00,2026-10-31\n{B},农业银行,2.00,2026-10-31\n");
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        // several workers: the error must come out as itself, not wrapped
        var e = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(FeedKind.BankDeposits, new ByteSource.Memory(bytes), Today, null, default, 1 << 20));
        Assert.Contains("超过 8 MB 的一行", e.Message);
    }

    [Fact]
    public void A_file_that_turns_out_not_to_be_utf8_after_the_first_8_mb_is_read_as_gb18030()
    {
        var ascii = new StringBuilder("id_number,bank,balance,as_of\n");
        var i = 0;
        while (ascii.Length < 9 << 20) ascii.Append($"{(i++ % 2 == 0 ? A : B)},BANK{i % 1000},{i}.00,2026-10-31\n");
        var bytes = FeedParser.Gb18030.GetBytes(ascii + $"{A},黄石农商行,12.34,2026-10-30\n");
        var parsed = FeedParser.Parse(FeedKind.BankDeposits, new ByteSource.Memory(bytes), Today, null, default, 1 << 20);
        Assert.Equal("gb18030", parsed.Encoding);
        Assert.Contains(parsed.Records, r => parsed.Texts[r.Text] == "黄石农商行" && r.Amount == 1234);
        Assert.Equal(0, parsed.ErrorCount);
        Assert.Equal(i + 1, parsed.Records.Length);
    }

    [Fact]
    public void Records_beyond_the_size_estimate_are_all_kept()
    {
        // long rows in the first 8 MB (from which the number of rows is estimated), then many short ones
        var csv = new StringBuilder("id_number,bank,balance,as_of\n");
        var rows = 0;
        while (csv.Length < 9 << 20) csv.Append($"{(rows % 2 == 0 ? A : B)},{new string('b', 900)}{rows},{rows++}.00,2026-10-31\n");
        var longRows = rows;
        while (rows < longRows + 60_000) csv.Append($"{(rows % 2 == 0 ? A : B)},b{rows},{rows++}.00,2026-10-31\n");
        var parsed = FeedParser.Parse(FeedKind.BankDeposits, new ByteSource.Memory(Encoding.UTF8.GetBytes(csv.ToString())), Today, null, default, 1 << 20);
        Assert.Equal(0, parsed.ErrorCount);
        Assert.Equal(rows, parsed.Records.Length);
        Assert.Equal(Enumerable.Range(0, rows).Select(i => i * 100L).Order(), parsed.Records.Select(r => r.Amount).Order());
    }

    [Fact]
    public void A_stream_is_read_from_its_current_position_and_a_non_file_stream_works_too()
    {
        var csv = Encoding.UTF8.GetBytes($"id_number,bank,balance,as_of\n{A},工商银行,10.00,2026-10-31\n");
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [.. "ignored preamble"u8, .. csv]);
            using var file = File.OpenRead(path);
            file.Position = "ignored preamble"u8.Length;
            Assert.Single(FeedParser.Parse(FeedKind.BankDeposits, file, Today).Records);
        }
        finally
        {
            File.Delete(path);
        }
        using var memory = new MemoryStream(csv);
        Assert.Single(FeedParser.Parse(FeedKind.BankDeposits, memory, Today).Records);
    }

    [Fact]
    public void A_bad_households_row_is_reported_with_its_line_whichever_segment_it_is_in()
    {
        var csv = new StringBuilder("household_id,id_number\n");
        for (var h = 1; h <= 500; h++) csv.Append($"{h},{(h == 321 ? A[..17] + "0" : A)}\n");
        var e = Assert.Throws<FormatException>(() => HouseholdFile.ReadBatch(new ByteSource.Memory(Encoding.UTF8.GetBytes(csv.ToString())), 64));
        Assert.Contains("第 322 行", e.Message);
        Assert.Contains("身份证号码无效", e.Message);
    }

    [Fact]
    public void Households_read_in_small_segments_keep_the_file_order_and_each_household_together()
    {
        var csv = new StringBuilder("household_id,id_number\n");
        for (var h = 1; h <= 40; h++)
            for (var m = 0; m < h % 4 + 1; m++) csv.Append($"{h * 10},{(m % 2 == 0 ? A : B)}\n");
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var whole = HouseholdFile.ReadBatch(new ByteSource.Memory(bytes), 1 << 20);
        var parts = HouseholdFile.ReadBatch(new ByteSource.Memory(bytes), 30);
        Assert.Equal(40, whole.Count);
        Assert.Equal(Enumerable.Range(1, 40).Select(h => h * 10L), whole.Ids);
        Assert.Equal(whole.Ids, parts.Ids);
        Assert.Equal(whole.Offsets, parts.Offsets);
        Assert.Equal(whole.Members, parts.Members);
        Assert.Equal([PersonKey.Pack(A), PersonKey.Pack(B), PersonKey.Pack(A)], whole.MembersOf(1).ToArray());
    }

    [Fact]
    public void Quoted_fields_may_contain_commas()
    {
        var parsed = Parse(FeedKind.MarketEntities, $"id_number,entity_name,registered_capital,status,registered_on\n{A},\"黄石港区张记,商行\",50000,active,2019-01-02\n");
        Assert.Equal("黄石港区张记,商行", parsed.Texts[parsed.Records.Single().Text]);
    }

    [Fact]
    public void Pensions_split_into_the_counted_part_and_the_excluded_central_base_part()
    {
        var parsed = Parse(FeedKind.SocialInsurance, $"id_number,month,pension_received,central_base_part,contribution_base\n{A},2026-05,2000.00,163.00,0\n{B},2026-05,100.00,163.00,0\n");
        Assert.Equal([FeedCodes.PensionCounted, FeedCodes.PensionCentralBase], parsed.Records.Select(r => r.Code));
        Assert.Equal([183700L, 16300L], parsed.Records.Select(r => r.Amount));
        Assert.Contains("大于", parsed.Errors.Single().Message);
    }

    [Fact]
    public void A_snapshot_round_trips_and_detects_tampering()
    {
        var parsed = Parse(FeedKind.BankDeposits, $"id_number,bank,balance,as_of\n{A},工商银行,10.00,2026-10-31\n{B},农业银行,20.00,2026-10-31\n");
        var table = FeedTable.From(parsed, Today);
        var path = Path.Combine(Path.GetTempPath(), $"snap-{Guid.NewGuid():N}.bin");
        try
        {
            var sha = table.WriteTo(path);
            var back = FeedTable.ReadFrom(path, sha);
            Assert.Equal(table.Records, back.Records);
            Assert.Equal(table.Texts, back.Texts);
            Assert.Equal(Today, back.AsOf);
            Assert.Equal(2000, back.For(PersonKey.Pack(B)).ToArray().Single().Amount);
            var bytes = File.ReadAllBytes(path);
            bytes[40] ^= 1;
            File.WriteAllBytes(path, bytes);
            Assert.Throws<InvalidDataException>(() => FeedTable.ReadFrom(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
