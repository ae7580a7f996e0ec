# Generates cases.json/expected.json: how ruamel.yaml (0.17.21) dumps documents with DVC's settings
# (YAML(), default_flow_style=False). Run with a Python that has ruamel.yaml; RuamelConformanceTest
# checks YamlWriter against the output.
import json, io, sys
from collections import OrderedDict
from ruamel.yaml import YAML

def dumps(d):
    yaml = YAML()
    yaml.default_flow_style = False
    r = yaml.Representer
    r.add_representer(OrderedDict, r.represent_dict)
    s = io.StringIO(); yaml.dump(d, s); return s.getvalue()

strings = ["yes","no","on","off","y","n","1.0","1e5","1E5","0x1F","0o17","017","08","true","True","TRUE","null","Null","~","",
 " lead","trail "," ","a: b","a #b","a#b","#a","- a","-a",":a","a:","?","? a","@x","`x","%x","!x","&x","*x","|x",">x","'q'","\"q\"",
 "a'b","multi\nline","multi\nline\n","tab\tx","ü","日本","x,y","[x]","{x}","x]","2001-01-01","2001-01-01 10:00:00","1_000","+1",".5","1.","=","<<","0123",
 ":","a - b","a|b","-","--","---","...","a\\b","x: ","x:y","http://a/b","c:\\\\x", "-1", "-.inf", ".nan", ".inf", "1:20", "0b101", "0x", "1e", "e5", "+.5", "1.5e", "_1",
 "python src/train.py --input data/processed/train.csv --output models/model.pkl --epochs 10",
 "python src/train.py --input data/processed/train.csv --output: models/model.pkl --epochs 10 and more words here",
 "x"*100, "a "+"x"*100+" b", "python  two  spaces  python  two  spaces  python  two  spaces  python  two  spaces  x",
 "word " * 40, "trailing space long " * 5 + " ", "\u00a0nbsp", "bell\x07", "del\x7f", "nel\u0085x", "bom\ufeff", "emoji 😀", "1st", "0.1.2", "1-2", "12:30", "3e", "1e-5", "0.5", "-.5", "+1e5", "1__0", "0x1g", "0o8", "2001-1-1 1:00:00", "2001-01-01T10:00:00Z", "nul", "NULL", "nULL", "Yes", "tRUE", "a\u2028b", "quote ' and: colon", "x" + " y"*60 + "\n" + "z "*50, "\nlead", "trail\n", "a \nb", "a\n b"]
floats = [1e-05, 1e16, 0.1, 1.0, 100.0, 1e-7, 123456789012345678.0, -0.0, 0.001, 2.5e-10, 1e22, 1.5e300, float('inf'), float('-inf'), 12345.678]
cases = []
for v in strings: cases.append({"k": v})
for v in floats: cases.append({"k": v})
cases.append(OrderedDict([("keys", OrderedDict([(k, 1) for k in ["1", "true", "a: b", "params.yaml", "yes", "", "a b", "x#y", "-a", "2001-01-01", "@k", "it's: x", "tab\tkey", "~", "null", "-", "1.5", "x y z"]]))]))
cases.append(OrderedDict([("schema", "2.0"), ("stages", OrderedDict([("t", OrderedDict([("cmd", ["echo a", "echo " + "long "*30]), ("deps", [OrderedDict([("path", "a"), ("hash", "md5"), ("md5", "x"), ("size", 3), ("isexec", True)])]), ("params", OrderedDict([("params.yaml", OrderedDict([("l", [[1, 2], [3, [4]]]), ("e", []), ("m", {}), ("n", None), ("nested", OrderedDict([("a", [OrderedDict([("b", 1), ("c", [1])])])]))]))]))]))]))]))
for s in strings[-12:]:
    cases.append(OrderedDict([("stages", OrderedDict([("stage", OrderedDict([("cmd", s), ("outs", [OrderedDict([("path", s)])])]))]))]))
cases.append(OrderedDict([("l", [None, [None], {"a": None}, [], {}, [1e-05, [2.5e-10, "s"]]])]))
cases.append([OrderedDict([("a", 1)]), "x", [1, [2]]])
cases.append(OrderedDict([("stages", OrderedDict([("train", OrderedDict([("desc", "Train the model " * 8), ("cmd", "python train.py"), ("params", ["lr", OrderedDict([("params2.yaml", ["a", "b"])]), OrderedDict([("p3.yaml", [])])]), ("plots", [OrderedDict([("p.csv", OrderedDict([("cache", False), ("x", "step"), ("y", ["a", "b"])]))])]), ("meta", OrderedDict([("k", [1, 2])]))]))]))]))
json.dump(cases, open("cases.json", "w"), ensure_ascii=False, allow_nan=True)
out = [dumps(c) for c in cases]
json.dump(out, open("expected.json", "w"), ensure_ascii=False)
print(len(cases))
