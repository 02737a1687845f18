/// The HTML report's style sheet, inline (the page must open offline, from a mail
/// attachment): system fonts with CJK fallbacks, the charts' colours, and a print sheet that
/// drops the controls, keeps colours and avoids breaking a table row or a chart across pages.
enum HTMLStyle {
    static let css = """
    :root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--overdue:#b42318;--breached:#e8590c;--penalised:#b7791f;--raised:#6f42c1;--deducted:#1f6feb;--carried:#f2a33a;--waived:#9aa4ae;--cap:#d1242f}
    *{box-sizing:border-box}
    body{margin:0;color:var(--ink);background:#fff;font:14px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC","WenQuanYi Micro Hei",sans-serif}
    header,main,footer{max-width:1100px;margin:0 auto;padding:0 20px}
    header{padding-top:20px;border-bottom:1px solid var(--line)}
    h1{font-size:22px;margin:0 0 4px}
    h2{font-size:18px;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
    h3{font-size:15px;margin:18px 0 6px}
    .sub,.note,figcaption{color:var(--muted)}
    nav{margin:8px 0 10px}
    nav a{margin-right:14px}
    a{color:#0969da;text-decoration:none}
    a:hover{text-decoration:underline}
    code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
    .cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
    .card{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:120px;background:var(--soft)}
    .card b{display:block;font-size:20px}
    .card.alert b{color:var(--overdue)}
    .columns{display:flex;flex-wrap:wrap;gap:8px 40px;align-items:flex-start}
    .columns h3{margin-top:8px}
    dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0;max-width:680px}
    dl.facts dt{color:var(--muted)}
    dl.facts dd{margin:0}
    table{border-collapse:collapse;margin:6px 0 10px;font-size:13px}
    th,td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
    th{background:var(--soft);font-weight:600;white-space:nowrap}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    td.time{white-space:nowrap}
    .rule small{color:var(--muted)}
    .status{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;white-space:nowrap;background:#eaeef2}
    .status.overdue{background:var(--overdue);color:#fff}
    .status.breached{background:var(--breached);color:#fff}
    .status.fined,.status.sanctioned{background:var(--penalised);color:#fff}
    .status.raised{background:var(--raised);color:#fff}
    .status.met{background:#dafbe1;color:#116329}
    figure{margin:12px 0 22px;break-inside:avoid}
    figcaption{font-weight:600;color:var(--ink);margin-bottom:6px}
    svg.chart{display:block;max-width:100%;height:auto;overflow:visible}
    svg .label{font-size:12px;fill:var(--ink)}
    svg a .label{fill:#0969da}
    svg .value{font-size:11px;fill:var(--muted)}
    svg .note{font-size:10px;fill:var(--cap)}
    svg .axis{stroke:var(--line)}
    svg .cap{stroke:var(--cap);stroke-width:2;stroke-dasharray:4 2}
    .overdue{fill:var(--overdue)} .breached{fill:var(--breached)} .penalised{fill:var(--penalised)} .raised{fill:var(--raised)}
    .deducted{fill:var(--deducted)} .carried{fill:var(--carried)} .waived{fill:var(--waived)}
    .legend{display:flex;flex-wrap:wrap;gap:12px;font-size:12px;color:var(--muted);margin:2px 0 6px}
    .legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px;border-radius:2px}
    .legend i.overdue{background:var(--overdue)} .legend i.breached{background:var(--breached)} .legend i.penalised{background:var(--penalised)}
    .legend i.raised{background:var(--raised)} .legend i.deducted{background:var(--deducted)} .legend i.carried{background:var(--carried)}
    .legend i.waived{background:var(--waived)} .legend i.cap{height:0;border-top:2px dashed var(--cap);border-radius:0}
    .people{display:flex;flex-wrap:wrap;gap:6px 26px}
    .people figure{margin:6px 0}
    section.case{border-top:1px solid var(--line);padding-top:2px}
    section.case:target{background:#fff8c5}
    section.case h3 a.top{font-weight:normal;font-size:12px;margin-left:10px}
    #filter{width:320px;max-width:100%;padding:4px 8px;margin:4px 0;font:inherit}
    footer{margin-top:30px;padding:12px 20px 30px;border-top:1px solid var(--line);color:var(--muted);font-size:12px}
    @media print{
    body{font-size:11px}
    nav,#filter,a.top{display:none}
    header,main,footer{max-width:none;padding:0}
    a{color:inherit}
    *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    h2{break-after:avoid}
    tr,figure,section.case h3{break-inside:avoid}
    section.case{break-inside:avoid-page}
    }
    """
}
