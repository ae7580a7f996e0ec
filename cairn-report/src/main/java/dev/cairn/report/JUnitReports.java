package dev.cairn.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads JUnit XML reports ({@code TEST-*.xml}, as written by Maven Surefire/Failsafe and Gradle)
 * into a {@link TestSummary}. Counts come from the {@code testcase} elements, so a report that
 * holds nested suites is counted once. External entities are refused.
 */
final class JUnitReports {
  private static final Set<String> SKIP_DIRS = Set.of(".git", ".dvc", "node_modules");
  private static final int MAX_DEPTH = 6;

  private JUnitReports() {}

  /**
   * Reads the reports in {@code dirs} (relative to {@code root}); with no dirs, in every {@code
   * target/surefire-reports} and {@code target/failsafe-reports} directory under {@code root}.
   * Missing directories are skipped; an unreadable report is counted as one error named after the
   * file.
   */
  public static TestSummary read(Path root, List<String> dirs) throws IOException {
    List<Path> reportDirs = new ArrayList<>();
    if (dirs.isEmpty()) {
      reportDirs.addAll(findDefaultDirs(root));
    } else {
      for (String d : dirs) {
        Path p = root.resolve(d).normalize();
        if (Files.isDirectory(p)) {
          reportDirs.add(p);
        }
      }
    }
    List<Path> files = new ArrayList<>();
    for (Path d : reportDirs) {
      try (Stream<Path> s = Files.list(d)) {
        s.filter(p -> {
          String n = p.getFileName().toString();
          return n.startsWith("TEST-") && n.endsWith(".xml") && Files.isRegularFile(p);
        }).sorted().forEach(files::add);
      }
    }
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    List<TestSummary.FailedTest> failed = new ArrayList<>();
    DocumentBuilder builder = builder();
    for (Path f : files) {
      Document doc;
      try (InputStream in = Files.newInputStream(f)) {
        doc = builder.parse(in);
      } catch (SAXException e) {
        errors++;
        tests++;
        failed.add(new TestSummary.FailedTest(f.getFileName().toString(), "unreadable report: " + firstLine(e.getMessage())));
        continue;
      }
      NodeList cases = doc.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        tests++;
        String cls = c.getAttribute("classname");
        String name = cls.isEmpty() ? c.getAttribute("name") : shortClass(cls) + "." + c.getAttribute("name");
        Element failure = child(c, "failure");
        Element error = child(c, "error");
        if (failure != null || error != null) {
          Element e = failure != null ? failure : error;
          if (failure != null) {
            failures++;
          } else {
            errors++;
          }
          String msg = e.getAttribute("message");
          if (msg.isBlank()) {
            msg = e.getAttribute("type");
          }
          failed.add(new TestSummary.FailedTest(name, firstLine(msg)));
        } else if (child(c, "skipped") != null) {
          skipped++;
        }
      }
    }
    return new TestSummary(files.size(), tests, failures, errors, skipped, failed);
  }

  private static String shortClass(String cls) {
    int dot = cls.lastIndexOf('.');
    return dot < 0 ? cls : cls.substring(dot + 1);
  }

  private static Element child(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return (nl < 0 ? t : t.substring(0, nl)).strip();
  }

  private static DocumentBuilder builder() throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b;
    } catch (ParserConfigurationException e) {
      throw new IOException("No XML parser: " + e.getMessage(), e);
    }
  }

  private static List<Path> findDefaultDirs(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    Files.walkFileTree(root, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (!dir.equals(root) && SKIP_DIRS.contains(n)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Path parent = dir.getParent();
        if ((n.equals("surefire-reports") || n.equals("failsafe-reports")) && parent != null
            && parent.getFileName().toString().equals("target")) {
          out.add(dir);
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    out.sort(null);
    return out;
  }
}
