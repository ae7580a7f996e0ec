package dev.cairn.pipeline;

import static dev.cairn.pipeline.Fixtures.parse;
import static dev.cairn.pipeline.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.errors.CairnException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineParserTest {
  @TempDir
  Path root;

  @Test
  void demoProject() throws Exception {
    Pipeline p = Fixtures.demo(root);
    assertThat(p.stages()).extracting(Stage::name).containsExactly("process", "train", "evaluate");
    Stage process = p.stage("process").orElseThrow();
    assertThat(process.cmd()).containsExactly("python src/process.py data/winequality-red.csv data/processed");
    assertThat(process.cmdIsList()).isFalse();
    assertThat(process.deps()).containsExactly("src/process.py", "data/winequality-red.csv");
    assertThat(process.params()).containsExactly(new ParamDep("params.yaml", List.of("process"), false));
    assertThat(process.desc()).isEqualTo("Split the raw data into train and test sets");
    Stage train = p.stage("train").orElseThrow();
    assertThat(train.params().get(0).keys()).containsExactly("train.hyperparameters", "train.grid_search");
    Stage eval = p.stage("evaluate").orElseThrow();
    assertThat(eval.outs()).extracting(Out::path, Out::kind, Out::cache)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("metrics.json", Out.Kind.METRIC, false),
            org.assertj.core.groups.Tuple.tuple("plots/confusion.csv", Out.Kind.PLOT, false));
    assertThat(eval.outs().get(1).plotProps()).containsExactly(Map.entry("template", "confusion"),
        Map.entry("x", "actual"), Map.entry("y", "predicted"));
    assertThat(eval.wdir()).isEqualTo(".");
    assertThat(eval.address()).isEqualTo("evaluate");
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> PipelineParser.load(root)).isInstanceOf(PipelineException.class)
        .hasMessage("'dvc.yaml' does not exist").hasCauseInstanceOf(NoSuchFileException.class);
  }

  @Test
  void emptyFileHasNoStages() throws Exception {
    assertThat(parse(root, "").stages()).isEmpty();
  }

  @Test
  void cmdListAndMultiline() throws Exception {
    Pipeline p = parse(root, """
        stages:
          a:
            cmd:
            - echo one
            - echo two
          b:
            cmd: |
              echo three
              echo four
        """);
    Stage a = p.stage("a").orElseThrow();
    assertThat(a.cmdIsList()).isTrue();
    assertThat(a.lockCmd()).isEqualTo(List.of("echo one", "echo two"));
    assertThat(a.commands()).containsExactly("echo one", "echo two");
    Stage b = p.stage("b").orElseThrow();
    assertThat(b.lockCmd()).isEqualTo("echo three\necho four\n");
    assertThat(b.commands()).containsExactly("echo three", "echo four");
    assertThat(b.isCallback()).isTrue();
  }

  @Test
  void paramsInEveryForm() throws Exception {
    Pipeline p = parse(root, """
        stages:
          s:
            cmd: run
            params:
            - lr
            - conf/train.yaml:
              - seed
              - model.depth
            - epochs
            - whole.json:
            - other.toml: []
            - params.yaml:
              - lr
              - batch
        """);
    assertThat(p.stage("s").orElseThrow().params()).containsExactly(
        new ParamDep("params.yaml", List.of("lr", "epochs", "batch"), false),
        new ParamDep("conf/train.yaml", List.of("seed", "model.depth"), false),
        new ParamDep("whole.json", List.of(), true),
        new ParamDep("other.toml", List.of(), true));
  }

  @Test
  void outFlagsAndStageFields() throws Exception {
    write(root, "params.yaml", "who: me\n");
    Pipeline p = parse(root, """
        stages:
          s:
            desc: does things
            cmd: run
            wdir: sub
            deps: [in]
            outs:
            - out1
            - out2:
                cache: false
                persist: true
                push: false
                remote: backup
                desc: the model
                type: model
                labels: [a, b]
                meta: {owner: me}
            metrics:
            - m.json:
            plots:
            - p.csv:
                x: step
                y: [loss, acc]
                x_label: Step
                y_label: Value
                title: Loss
                header: true
                template: linear
            frozen: true
            always_changed: true
            meta:
              anything: [1, 2]
              from: ${who}
        """);
    Stage s = p.stage("s").orElseThrow();
    assertThat(s.wdir()).isEqualTo("sub");
    assertThat(s.frozen()).isTrue();
    assertThat(s.alwaysChanged()).isTrue();
    assertThat(s.meta()).isEqualTo(Map.of("anything", List.of(1, 2), "from", "me"));
    Out o2 = s.outs().get(1);
    assertThat(o2).isEqualTo(new Out("out2", Out.Kind.OUT, false, true, false, "backup", "the model", "model",
        List.of("a", "b"), Map.of("owner", "me"), Map.of()));
    assertThat(s.outs().get(2)).isEqualTo(Out.of("m.json", Out.Kind.METRIC));
    assertThat(s.outs().get(3).plotProps()).containsOnlyKeys("x", "y", "x_label", "y_label", "title", "header",
        "template");
    assertThat(s.repoPath("out1")).isEqualTo("sub/out1");
    assertThat(s.repoPath("../in")).isEqualTo("in");
  }

  @Test
  void topLevelSections() throws Exception {
    write(root, "params.yaml", "name: wine\n");
    Pipeline p = parse(root, """
        params:
        - params.yaml
        - conf.json
        metrics:
        - metrics.json
        plots:
        - plots/roc.json
        - confusion:
            template: confusion
            x: actual
            y:
              plots/confusion.csv: predicted
        - empty:
        artifacts:
          model:
            path: models/${name}.pkl
            type: model
            desc: the SVM
            labels: [svm]
            meta: {k: v}
        datasets:
        - name: raw
          type: dvc
          url: .
          path: data
        stages: {}
        """);
    assertThat(p.params()).containsExactly("params.yaml", "conf.json");
    assertThat(p.metrics()).containsExactly("metrics.json");
    assertThat(p.plots()).extracting(TopLevelPlot::id).containsExactly("plots/roc.json", "confusion", "empty");
    assertThat(p.plots().get(1).props().get("y")).isEqualTo(Map.of("plots/confusion.csv", "predicted"));
    assertThat(p.artifacts().get("model").get("path")).isEqualTo("models/wine.pkl");
    assertThat(p.datasets()).hasSize(1);
  }

  @Test
  void nestedTemplatingAndPythonStr() throws Exception {
    write(root, "params.yaml", """
        train:
          lr: 1.0e-5
          epochs: 10
          ratio: 1.0
          big: 1e16
          on: true
          none: null
          layers: [{size: 64}, {size: 32}]
        flag: true
        """);
    Pipeline p = parse(root, """
        stages:
          s:
            cmd: python t.py --lr ${train.lr} --e ${ train.epochs } ${train.ratio} ${train.big} ${train.on} ${train.none} ${train.layers[1].size} ${train.layers.0.size} \\${literal}
            frozen: ${flag}
            outs:
            - out-${train.epochs}.bin
        """);
    Stage s = p.stage("s").orElseThrow();
    assertThat(s.cmd().get(0))
        .isEqualTo("python t.py --lr 1e-05 --e 10 1.0 1e+16 true None 32 64 ${literal}");
    assertThat(s.frozen()).isTrue();
    assertThat(s.outs().get(0).path()).isEqualTo("out-10.bin");
    assertThatThrownBy(() -> parse(root, """
        stages:
          s:
            cmd: run
            outs:
            - ${train.lr}
        """)).isInstanceOf(PipelineException.class)
        .hasMessage("dvc.yaml:5: stage 's': outs: expected a path or a single {path: {flags}} mapping");
  }

  @Test
  void varsFilesPartialInlineAndStageLevel() throws Exception {
    write(root, "params.yaml", "model: svm\n");
    write(root, "conf/vars.yaml", "a: 1\nb: {c: two}\nunused: 3\n");
    write(root, "more.json", "{\"d\": [1, 2]}");
    write(root, "sub/local.yaml", "e: local\n");
    Pipeline p = parse(root, """
        vars:
        - params.yaml
        - conf/vars.yaml:a,b
        - more.json
        - inline: x
          nested: {y: z}
        stages:
          s:
            vars:
            - local.yaml
            - s_only: 5
            wdir: sub
            cmd: echo ${model} ${a} ${b.c} ${d[1]} ${inline} ${nested.y} ${e} ${s_only}
        """);
    assertThat(p.stage("s").orElseThrow().cmd().get(0)).isEqualTo("echo svm 1 two 2 x z local 5");
  }

  @Test
  void varsErrors() throws Exception {
    write(root, "params.yaml", "model: svm\n");
    write(root, "v.yaml", "model: other\nk: 1\nj: 2\n");
    assertThatThrownBy(() -> parse(root, "vars:\n- v.yaml\nstages: {}\n"))
        .hasMessage("dvc.yaml:2: vars: cannot redefine 'model' from 'v.yaml' as it already exists in 'params.yaml'");
    write(root, "w.yaml", "k: 1\nj: 2\n");
    assertThatThrownBy(() -> parse(root, "vars:\n- w.yaml:k\n- w.yaml\nstages: {}\n"))
        .hasMessage("dvc.yaml:3: vars: cannot load 'w.yaml' as it's partially loaded already");
    assertThatThrownBy(() -> parse(root, "vars:\n- w.yaml\n- w.yaml:k\nstages: {}\n"))
        .hasMessage("dvc.yaml:3: vars: cannot partially load 'w.yaml:k' as it's already loaded");
    assertThatThrownBy(() -> parse(root, "vars:\n- w.yaml:k,nope\nstages: {}\n"))
        .hasMessage("dvc.yaml:2: vars: could not find 'nope' in 'w.yaml'");
    assertThatThrownBy(() -> parse(root, "vars:\n- missing.yaml\nstages: {}\n"))
        .hasMessage("dvc.yaml:2: vars: vars file 'missing.yaml' does not exist");
    assertThatThrownBy(() -> parse(root, "vars:\n- x: ${model}\nstages: {}\n"))
        .hasMessage("dvc.yaml:2: vars: interpolation is not allowed in 'vars'");
    assertThatThrownBy(() -> parse(root, "vars:\n- {a: 1}\n- {a: 2}\nstages: {}\n"))
        .hasMessage("dvc.yaml:3: vars: cannot redefine 'a' from 'vars[1]' as it already exists in 'vars[0]'");
    // nested mappings merge key by key; only a leaf defined twice is an error
    write(root, "params.yaml", "train:\n  lr: 0.1\n");
    write(root, "t.yaml", "train:\n  epochs: 3\n");
    assertThat(parse(root, "vars:\n- t.yaml\nstages:\n  s:\n    cmd: run ${train.lr} ${train.epochs}\n")
        .stages().get(0).cmd()).containsExactly("run 0.1 3");
    assertThatThrownBy(() -> parse(root, "vars:\n- t.yaml\n- {train: {lr: 1}}\nstages: {}\n"))
        .hasMessage("dvc.yaml:3: vars: cannot redefine 'train.lr' from 'vars[1]' as it already exists in "
            + "'params.yaml'");
  }

  @Test
  void dictUnpackingInCmd() throws Exception {
    write(root, "params.yaml", """
        train:
          lr: 0.1
          name: my model
          opt:
            momentum: 0.9
          shuffle: true
          verbose: false
          layers: [64, 32]
          tags: [a b, c]
        """);
    String yaml = "stages:\n  s:\n    cmd: python train.py ${train}\n";
    write(root, "dvc.yaml", yaml);
    Stage s = PipelineParser.load(root).stages().get(0);
    assertThat(s.cmd().get(0)).isEqualTo(
        "python train.py --lr 0.1 --name 'my model' --opt.momentum 0.9 --shuffle --layers 64 32 --tags 'a b' c");
    Stage s2 = PipelineParser.load(root, root.resolve("dvc.yaml"), ParsingOptions.of("boolean_optional", "append"))
        .stages().get(0);
    assertThat(s2.cmd().get(0)).isEqualTo("python train.py --lr 0.1 --name 'my model' --opt.momentum 0.9 --shuffle "
        + "--no-verbose --layers 64 --layers 32 --tags 'a b' --tags c");
    assertThat(Interpolator.shellQuote("it's")).isEqualTo("'it'\"'\"'s'");
    assertThat(Interpolator.shellQuote("")).isEqualTo("''");
    assertThat(Interpolator.shellQuote("a/b-c.d=e:f,g@h%+")).isEqualTo("a/b-c.d=e:f,g@h%+");
  }

  @Test
  void foreachOverListsAndDicts() throws Exception {
    write(root, "params.yaml", """
        models:
          us: {threshold: 10}
          uk: {threshold: 15}
        seeds: [1, 2]
        """);
    Pipeline p = parse(root, """
        stages:
          build:
            foreach: ${models}
            do:
              cmd: build ${key} --t ${item.threshold}
              outs:
              - out/${key}.bin
          seed:
            foreach: ${seeds}
            do:
              cmd: run ${item}
          flags:
            foreach: [true, 1.5, x]
            do:
              cmd: echo ${item}
          objs:
            foreach:
            - {a: 1}
            - {a: 2}
            do:
              cmd: echo ${item.a}
        """);
    assertThat(p.stages()).extracting(Stage::name).containsExactly("build@us", "build@uk", "seed@1", "seed@2",
        "flags@true", "flags@1.5", "flags@x", "objs@0", "objs@1");
    assertThat(p.stages().get(1).cmd().get(0)).isEqualTo("build uk --t 15");
    assertThat(p.stages().get(1).outs().get(0).path()).isEqualTo("out/uk.bin");
    assertThat(p.stages().get(3).cmd().get(0)).isEqualTo("run 2");
    assertThat(p.stages().get(8).cmd().get(0)).isEqualTo("echo 2");
  }

  @Test
  void matrixWithSeveralKeys() throws Exception {
    write(root, "params.yaml", "feats: [f1, f2]\n");
    Pipeline p = parse(root, """
        stages:
          train:
            matrix:
              model: [cnn, xgb]
              feat: ${feats}
              cfg:
              - {depth: 3}
            cmd: train ${item.model} ${item.feat} ${item.cfg.depth} ${key}
            outs:
            - ${item.model}-${item.feat}.pkl
        """);
    assertThat(p.stages()).extracting(Stage::name).containsExactly("train@cnn-f1-cfg0", "train@cnn-f2-cfg0",
        "train@xgb-f1-cfg0", "train@xgb-f2-cfg0");
    assertThat(p.stages().get(2).cmd().get(0)).isEqualTo("train xgb f1 3 xgb-f1-cfg0");
    assertThat(p.stages().get(2).outs().get(0).path()).isEqualTo("xgb-f1.pkl");
  }

  @Test
  void matrixOverAMappingIteratesItsKeys() throws Exception {
    // issue 18, defect 9: DVC enumerates a mapping given to a matrix dimension, which yields its keys
    write(root, "params.yaml", "datasets:\n  mnist: {size: 10}\n  cifar: {size: 20}\n");
    Pipeline p = parse(root, """
        stages:
          prep:
            matrix:
              dataset: ${datasets}
              seed: [1, 2]
            cmd: prep ${item.dataset} ${item.seed} ${key}
        """);
    assertThat(p.stages()).extracting(Stage::name).containsExactly("prep@mnist-1", "prep@mnist-2",
        "prep@cifar-1", "prep@cifar-2");
    assertThat(p.stages().get(2).cmd().get(0)).isEqualTo("prep cifar 1 cifar-1");
  }

  @Test
  void unknownKeysAreRefusedWithLine() throws Exception {
    assertThatThrownBy(() -> parse(root, """
        stages:
          train:
            cmd: python train.py
            outz:
            - model.pkl
        """)).isInstanceOf(PipelineException.class)
        .hasMessage("dvc.yaml:4: stage 'train': unknown key 'outz'")
        .satisfies(e -> assertThat(((CairnException) e).kind()).isEqualTo(CairnException.Kind.INVALID_INPUT));
    assertThatThrownBy(() -> parse(root, "stage:\n  a:\n    cmd: x\n"))
        .hasMessage("dvc.yaml:1: unknown key 'stage'");
    assertThatThrownBy(() -> parse(root, "stages:\n  a:\n    cmd: x\n    outs:\n    - m:\n        cahce: false\n"))
        .hasMessage("dvc.yaml:6: stage 'a': outs: unknown key 'cahce' for 'm'");
    assertThatThrownBy(() -> parse(root, "stages:\n  a:\n    cmd: x\n    outs:\n    - m:\n        x: step\n"))
        .hasMessage("dvc.yaml:6: stage 'a': outs: unknown key 'x' for 'm'");
    assertThatThrownBy(() -> parse(root, "stages:\n  a:\n    foreach: [1]\n    do: {cmd: x}\n    cmd: y\n"))
        .hasMessage("dvc.yaml:5: stage 'a': unknown key 'cmd' next to 'foreach' (expected 'do')");
    assertThatThrownBy(() -> parse(root, "plots:\n- p:\n    colour: red\n"))
        .hasMessage("dvc.yaml:3: plots: unknown key 'colour' in plot 'p'");
  }

  @Test
  void schemaErrors() throws Exception {
    assertThatThrownBy(() -> parse(root, "stages:\n  a:\n    deps: [x]\n"))
        .hasMessage("dvc.yaml:2: stage 'a': missing required key 'cmd'");
    assertThatThrownBy(() -> parse(root, "stages:\n  a:\n    cmd: x\n    frozen: yes\n"))
        .hasMessage("dvc.yaml:4: stage 'a': frozen: expected a boolean, found a string");
    assertThatThrownBy(() -> parse(root, "stages:\n  a:\n    cmd: x\n    deps: x\n"))
        .hasMessage("dvc.yaml:4: stage 'a': deps: expected a list of strings, found a string");
    assertThatThrownBy(() -> parse(root, "stages:\n  bad.name:\n    cmd: x\n"))
        .hasMessageStartingWith("dvc.yaml:2: stage 'bad.name': invalid stage name");
    assertThatThrownBy(() -> parse(root, "stages:\n  v@1:\n    cmd: x\n"))
        .hasMessageStartingWith("dvc.yaml:2: stage 'v@1': invalid stage name");
    assertThat(parse(root, "stages:\n  ok_name-2:\n    cmd: x\n").stages()).hasSize(1);
  }

  @Test
  void templateErrors() throws Exception {
    write(root, "params.yaml", "train:\n  lr: 0.1\n  layers: [1, 2]\nitem: 3\n");
    assertThatThrownBy(() -> parse(root, "stages:\n  train:\n    cmd: python t.py ${train.lrr}\n"))
        .hasMessage("dvc.yaml:3: stage 'train': cmd: cannot resolve '${train.lrr}': key 'lrr' not found in train");
    assertThatThrownBy(() -> parse(root, "stages:\n  t:\n    cmd: x ${nope}\n"))
        .hasMessage("dvc.yaml:3: stage 't': cmd: cannot resolve '${nope}': key 'nope' not found in context");
    assertThatThrownBy(() -> parse(root, "stages:\n  t:\n    cmd: x ${train.layers[5]}\n"))
        .hasMessage("dvc.yaml:3: stage 't': cmd: cannot resolve '${train.layers[5]}': index 5 out of range in "
            + "train.layers");
    assertThatThrownBy(() -> parse(root, "stages:\n  t:\n    cmd: x\n    deps:\n    - ${train.layers}\n"))
        .hasMessage("dvc.yaml:4: stage 't': deps: cannot interpolate data of type 'list'");
    assertThatThrownBy(() -> parse(root, "stages:\n  t:\n    cmd: x ${a b}\n"))
        .hasMessage("dvc.yaml:3: stage 't': cmd: failed to parse '${a b}'");
    // 'item' from params.yaml is shadowed inside foreach, but stage vars cannot redefine it
    assertThat(parse(root, "stages:\n  t:\n    foreach: [1]\n    do:\n      cmd: x ${item}\n").stages().get(0).cmd())
        .containsExactly("x 1");
    assertThatThrownBy(() -> parse(root, "stages:\n  t:\n    foreach: [1]\n    do:\n      vars: [{item: 2}]\n"
        + "      cmd: x\n")).hasMessage("dvc.yaml:5: stage 't@1': vars: cannot redefine 'item' from "
        + "'stages.t@1.vars[0]' as it "
        + "already exists in 'foreach/matrix'");
  }

  @Test
  void yamlSyntaxErrorHasLine() throws Exception {
    assertThatThrownBy(() -> parse(root, "stages:\n  a:\n    cmd: [x\n    deps: y\n"))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith("dvc.yaml:4: malformed YAML");
    assertThatThrownBy(() -> parse(root, "stages:\n  a:\n    cmd: x\n  a:\n    cmd: y\n"))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("dvc.yaml:4: malformed YAML");
  }

  @Test
  void malformedParamsYamlIsReported() throws Exception {
    write(root, "params.yaml", "a: [1\n");
    assertThatThrownBy(() -> parse(root, "stages:\n  a:\n    cmd: x\n"))
        .isInstanceOf(PipelineException.class).hasMessageContaining("params.yaml").hasMessageContaining("line");
  }

  @Test
  void malformedDvcYamlNamesTheLineAndTheNextStep() throws Exception {
    assertThatThrownBy(() -> parse(root, "stages:\n  a:\n    cmd: echo hi\n   deps: [x\n"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("dvc.yaml:4: malformed YAML: expected <block end>, but found '<block mapping start>';"
            + " fix the YAML at that line and run again");
  }

  @Test
  void malformedParamsYamlIsNamedRelativeWithTheNextStep() throws Exception {
    write(root, "params.yaml", "a: [1\n");
    assertThatThrownBy(() -> parse(root, "stages:\n  a:\n    cmd: x\n"))
        .isInstanceOf(PipelineException.class)
        .hasMessage("dvc.yaml: params.yaml: malformed YAML at line 2: expected ',' or ']', but got <stream end>;"
            + " fix params.yaml (beside dvc.yaml, read for its ${} variables) and run again")
        .message().doesNotContain(root.toString());
  }

  @Test
  void loadAllFindsNestedPipelines() throws Exception {
    write(root, "dvc.yaml", "stages:\n  a:\n    cmd: x\n");
    write(root, "sub/dvc.yaml", "stages:\n  b:\n    cmd: y\n    deps: [../data]\n");
    write(root, ".dvc/dvc.yaml", "not: scanned\n");
    List<Pipeline> all = PipelineParser.loadAll(root, ParsingOptions.DEFAULTS);
    assertThat(all).extracting(Pipeline::file).containsExactly("dvc.yaml", "sub/dvc.yaml");
    Stage b = all.get(1).stages().get(0);
    assertThat(b.address()).isEqualTo("sub/dvc.yaml:b");
    assertThat(b.repoPath("../data")).isEqualTo("data");
  }
}
