#!/usr/bin/env python3
"""Writes tricky CSV inputs under Fixtures/csv/ and, in Fixtures/csv_expected.json, the
records Python's csv module reads from them (strict mode, blank lines dropped as
csv.DictReader does), with each record's spreadsheet row and physical starting line.

Run once from anywhere: python3 make_csv_cases.py. The outputs are committed."""
import csv, io, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "Fixtures", "csv")

CASES = {
    "chinese_header": "投诉编号,接收时间,金额,描述\nC001,2026-01-05 09:15,120.50,客户投诉：物流延迟\nC002,2026-01-06 10:00,0.00,退款\n",
    "bom_crlf": "\ufeff投诉编号,接收时间\r\nC001,2026-01-05\r\nC002,2026-01-06\r\n",
    "embedded_newlines_and_quotes": (
        'id,text,note\n'
        '1,"第一行\n第二行","he said ""退款"""\n'
        '2,"a,b,c","CRLF\r\ninside"\n'
        '3,"""","x"\n'
        '4,"",""\n'),
    "empty_fields": "a,b,c\n,,\n1,,3\n\"\",x,\"\"\n,,end\n",
    "no_trailing_newline": "投诉编号,接收时间\nC1,2026-02-01",
    "blank_trailing_line": "a,b\n1,2\n\n",
    "blank_lines_between": "a,b\n1,2\n\n3,4\n\r\n5,6\n",
    "quoted_header": "\"投诉编号\",\"接收 时间\",\"a,b\"\n1,2,3\n",
    "trailing_comma_empty_last_field": "a,b,c\n1,2,\n,,\n",
    "spaces_kept": "a,b\n  x  , y \n",
    "lone_cr_line_ends": "a,b\r1,2\r3,\"x\ry\"\r",
    "long_fields": "id,body\n1," + "长文本" * 40 + "\n2,\"" + ("引号\"\"与,逗号\n" * 12) + "\"\n",
    "crlf_no_trailing_newline": "a,b\r\n1,\"2\r\n3\"",
    "emoji_and_rare_han": "名称,备注\n😀客户,䶮𠀀\n",
}

# GB18030 inputs: the same text, encoded as an export from a Chinese Windows system would be.
GB18030_CASES = {
    "gb18030_basic": "投诉编号,接收时间,描述\nC001,2026-01-05 09:15,\"客户说：\"\"太慢了\"\"\"\n C002,2026-01-06,😀䶮€\n",
}


def expected(text):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines, row_numbers = [], [], []
    previous_line = 0
    for index, record in enumerate(reader):
        start = previous_line + 1
        previous_line = reader.line_num
        if record == []:
            continue  # a blank line: counted as a row, not a record
        rows.append(record)
        lines.append(start)
        row_numbers.append(index + 1)
    return {"rows": rows, "lines": lines, "rowNumbers": row_numbers}


def main():
    os.makedirs(OUT, exist_ok=True)
    results = []
    for name, text in CASES.items():
        with open(os.path.join(OUT, name + ".csv"), "wb") as f:
            f.write(text.encode("utf-8"))
        e = expected(text[1:] if text.startswith("\ufeff") else text)
        results.append({"name": name, "file": name + ".csv", "encoding": "utf-8", **e})
    for name, text in GB18030_CASES.items():
        with open(os.path.join(OUT, name + ".csv"), "wb") as f:
            f.write(text.encode("gb18030"))
        results.append({"name": name, "file": name + ".csv", "encoding": "gb18030", **expected(text)})
    with open(os.path.join(HERE, "Fixtures", "csv_expected.json"), "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
